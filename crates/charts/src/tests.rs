//! The report's conventions on small hand-made datasets, with the answers worked out by hand.

use super::*;
use survey::geography::OperatorType as Op;
use survey::i18n::Lang;
use survey::{
    builtin_edition, Answer, Answers, Disclosure, DisclosureChoices, Edition, Fee, StartStatus, Tri,
};

/// A network of a hand-made or generated dataset (the adversary's tests share it).
pub(crate) use crate::adversary::sample::SampleNetwork as Net;

fn net(
    prefecture: &'static str,
    operator: Option<Op>,
    start_year: Option<i64>,
    answers: &[(&str, Answer)],
) -> Net {
    let mut a = Answers::default();
    for (k, v) in answers {
        a.set(*k, v.clone());
    }
    Net {
        prefecture,
        operator,
        start_year,
        answers: a,
        disclosure: DisclosureChoices::default(),
    }
}

pub(crate) fn facts(nets: &[Net]) -> Vec<NetworkFacts> {
    let index = ItemIndex::new(&builtin_edition("2012").unwrap());
    nets.iter()
        .map(|n| {
            NetworkFacts::new(
                &index,
                n.prefecture,
                n.operator,
                n.start_year,
                &n.answers,
                &n.disclosure,
            )
        })
        .collect()
}

fn edition() -> Edition {
    builtin_edition("2012").unwrap()
}

fn chart(id: &str, nets: &[Net], audience: Audience) -> ChartData {
    let spec = spec("2012", id).unwrap();
    publish(spec, aggregate(spec, &edition(), &facts(nets)), audience)
}

const PUBLIC: Audience = Audience::Public { min_group: 3 };

fn values(data: &ChartData, series: usize) -> Vec<Option<f64>> {
    data.series[series].cells.iter().map(|c| c.value).collect()
}

fn tri(state: Tri) -> Answer {
    Answer::Tri(state)
}

#[test]
fn tri_items_stack_in_progress_and_planned_and_count_n_by_report_convention() {
    let nets = [
        net(
            "東京都",
            None,
            None,
            &[
                ("services.diseases.hepatitis", tri(Tri::InProgress)),
                ("services.diseases.prostate", tri(Tri::Planned)),
            ],
        ),
        net(
            "東京都",
            None,
            None,
            &[("services.diseases.hepatitis", tri(Tri::Planned))],
        ),
        // "None" only: not counted in n.
        net(
            "東京都",
            None,
            None,
            &[("services.diseases.hepatitis", tri(Tri::None))],
        ),
        net(
            "東京都",
            None,
            None,
            &[("services.diseases.other", tri(Tri::Planned))],
        ),
        net("東京都", None, None, &[]),
    ];
    let data = chart("2.5-1", &nets, PUBLIC);
    let at = |ja: &str| data.categories.iter().position(|c| c.ja == ja).unwrap();
    assert_eq!(
        (values(&data, 0)[at("肝炎")], values(&data, 1)[at("肝炎")]),
        (Some(1.0), Some(1.0))
    );
    assert_eq!(
        data.total(at("肝炎")).value,
        Some(2.0),
        "the bar's total includes planned (予定含む)"
    );
    assert_eq!(
        (
            values(&data, 0)[at("前立腺")],
            values(&data, 1)[at("前立腺")]
        ),
        (Some(0.0), Some(1.0))
    );
    assert_eq!((data.answered, data.valid), (Some(3), 5));
    assert_eq!(data.n_label(), "n=3/5");
    // An その他 text alone counts as answered.
    let consent = [
        net(
            "東京都",
            None,
            None,
            &[("consent.institutions.other", Answer::Text("口頭".into()))],
        ),
        net("東京都", None, None, &[]),
    ];
    let data = chart("2.4-1", &consent, Audience::Staff);
    assert_eq!(data.answered, Some(1));
    // ... and is the figure's その他 bar, as the report's 図2.6-1 and 2.6-7 count it.
    assert_eq!(
        data.categories.last().map(|c| c.ja.as_ref()),
        Some("その他")
    );
    assert_eq!(
        data.category_keys.last().map(String::as_str),
        Some("consent.institutions.other")
    );
    assert_eq!(
        (values(&data, 0).last(), values(&data, 1).last()),
        (Some(&Some(1.0)), Some(&Some(0.0)))
    );
}

#[test]
fn a_ticked_box_counts_as_in_progress() {
    let nets = [
        net(
            "東京都",
            None,
            None,
            &[("system.patient_id.no_common_id", Answer::Check(true))],
        ),
        net(
            "東京都",
            None,
            None,
            &[("system.patient_id.id_link", tri(Tri::InProgress))],
        ),
        net(
            "東京都",
            None,
            None,
            &[("system.patient_id.no_common_id", Answer::Check(false))],
        ),
    ];
    let data = chart("2.6-6", &nets, PUBLIC);
    let at = |ja: &str| data.categories.iter().position(|c| c.ja == ja).unwrap();
    assert_eq!(values(&data, 0)[at("共通ＩＤを使用していない")], Some(1.0));
    assert_eq!(values(&data, 0)[at("ID-Linkシステムを利用")], Some(1.0));
    assert_eq!(data.answered, Some(2));
}

fn paid(payer: &str, stage: &str, amount: i64) -> [(String, Answer); 2] {
    [
        (format!("fees.{payer}_{stage}.fee"), Answer::Fee(Fee::Paid)),
        (
            format!("fees.{payer}_{stage}.monthly"),
            Answer::Number(amount),
        ),
    ]
}

fn owned_net(
    prefecture: &'static str,
    operator: Option<Op>,
    answers: Vec<(String, Answer)>,
) -> Net {
    let borrowed: Vec<(&str, Answer)> = answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    net(prefecture, operator, None, &borrowed)
}

#[test]
fn fee_averages_leave_out_free_and_unanswered_entries_and_print_n() {
    let mut free = vec![(
        "fees.hospital_current.fee".to_string(),
        Answer::Fee(Fee::Free),
    )];
    free.extend(paid("clinic", "current", 1_000));
    let nets = [
        owned_net("東京都", None, paid("hospital", "current", 30_000).to_vec()),
        owned_net("東京都", None, paid("hospital", "current", 10_000).to_vec()),
        // The planned service's fee counts when there is no running one (予定含む).
        owned_net("東京都", None, paid("hospital", "planned", 20_000).to_vec()),
        // Free: left out of the average, counted in 図2.8-2.
        owned_net("東京都", None, free),
        // Paid without an amount: left out.
        owned_net(
            "東京都",
            None,
            vec![("fees.hospital_current.fee".into(), Answer::Fee(Fee::Paid))],
        ),
    ];
    let data = chart("2.8-1", &nets, Audience::Staff);
    // Hospitals: (30,000 + 10,000 + 20,000) / 3 = 20,000 over 3 networks.
    assert_eq!(data.series[0].cells[0].value, Some(20_000.0));
    assert_eq!(data.series[0].cells[0].n, Some(3));
    // Clinics: one network; staff see it.
    assert_eq!(data.series[0].cells[1].value, Some(1_000.0));
    assert_eq!(data.answered, Some(4));
    // The public does not: an average over one network is that network's fee.
    let public = chart("2.8-1", &nets, PUBLIC);
    assert_eq!(public.series[0].cells[0].value, Some(20_000.0));
    assert!(
        public.series[0].cells[1].suppressed
            && public.series[0].cells[1].value.is_none()
            && public.series[0].cells[1].n.is_none()
    );
    assert_eq!(public.rows(Lang::Ja)[2][1], "秘匿");
    let free = chart("2.8-2", &nets, PUBLIC);
    assert_eq!(values(&free, 0)[0], Some(1.0));
}

#[test]
fn fee_charts_read_their_payers_from_the_edition() {
    let data = chart("2.8-2", &[], Audience::Staff);
    let names = |lang| -> Vec<String> {
        data.categories
            .iter()
            .map(|c| c.get(lang).to_string())
            .collect()
    };
    assert_eq!(
        names(Lang::Ja),
        ["病院", "診療所", "薬局", "介護施設・その他", "患者さん"]
    );
    assert_eq!(
        names(Lang::En),
        [
            "Hospitals",
            "Clinics",
            "Pharmacies",
            "Care and other facilities",
            "Patients"
        ]
    );
    // The payers the registry names for one payer's figures are payers of every edition.
    for edition in survey::builtin_editions() {
        let payers = edition.fee_payers();
        for spec in registry(&edition.id) {
            if let Aggregation::FeeMeansBy(payer, _) = &spec.aggregation {
                assert!(
                    payers.iter().any(|(p, _)| *p == payer),
                    "{}: {payer}",
                    spec.id
                );
            }
        }
    }
}

#[test]
fn construction_costs_in_buckets_with_total_mean_median_and_mode() {
    let cost =
        |stage: &str, v: i64| vec![(format!("budget.{stage}.construction"), Answer::Number(v))];
    let nets = [
        owned_net("東京都", None, cost("current", 30_000)),
        owned_net("東京都", None, cost("current", 30_000)),
        owned_net("東京都", None, cost("planned", 60_000)),
        owned_net("東京都", None, cost("current", 120_000)),
        owned_net("東京都", None, cost("current", 400_000)),
        owned_net("東京都", None, vec![]),
    ];
    let data = chart("2.9-1", &nets, PUBLIC);
    assert_eq!(
        values(&data, 0),
        vec![Some(0.0), Some(2.0), Some(1.0), Some(1.0), Some(1.0)]
    );
    let stat = |i: usize| data.stats[i].cell.value;
    // 30,000 + 30,000 + 60,000 + 120,000 + 400,000 = 640,000; /5 = 128,000; sorted middle 60,000; most often 30,000.
    assert_eq!(
        (stat(0), stat(1), stat(2), stat(3)),
        (
            Some(640_000.0),
            Some(128_000.0),
            Some(60_000.0),
            Some(30_000.0)
        )
    );
    assert_eq!((data.answered, data.valid), (Some(5), 6));
    let counted = |values: &[i64]| {
        values
            .iter()
            .fold(std::collections::BTreeMap::new(), |mut m, v| {
                *m.entry(*v).or_insert(0) += 1;
                m
            })
    };
    assert_eq!(aggregate::median(&counted(&[4, 1, 3, 2])), Some(2.5));
    assert_eq!(aggregate::median(&counted(&[4, 1, 1, 3, 2])), Some(2.0));
    assert_eq!(aggregate::median(&counted(&[])), None);
    assert_eq!(
        aggregate::modes(&counted(&[5, 3, 5, 3, 9])),
        [3.0, 5.0],
        "tied modes are all shown"
    );
    assert_eq!(aggregate::modes(&counted(&[5, 3, 9])), Vec::<f64>::new());
    assert_eq!(aggregate::modes(&counted(&[])), Vec::<f64>::new());
}

#[test]
fn tied_modes_are_each_shown_under_the_one_name() {
    let cost = |v: i64| vec![("budget.current.construction".to_string(), Answer::Number(v))];
    let costs = [30_000, 30_000, 50_000, 50_000, 90_000];
    let nets: Vec<Net> = costs
        .iter()
        .map(|&v| owned_net("東京都", None, cost(v)))
        .collect();
    let data = chart("2.9-1", &nets, Audience::Staff);
    let modes: Vec<Option<f64>> = data
        .stats
        .iter()
        .filter(|s| s.name.en.starts_with("Mode"))
        .map(|s| s.cell.value)
        .collect();
    assert_eq!(modes, [Some(30_000.0), Some(50_000.0)]);
    let rows = data.rows(Lang::Ja);
    let row = rows.iter().find(|r| r[0] == "最頻値（千円）").unwrap();
    assert_eq!(row[1], "30000、50000");
    assert_eq!(
        data.to_json()["stats"]["mode (thousand yen)"],
        serde_json::json!([30_000, 50_000])
    );
    assert_eq!(
        data.to_json()["stats"]["median (thousand yen)"],
        serde_json::json!(50_000)
    );
    // No value given twice: no mode, the row stays with no value.
    let distinct: Vec<Net> = [30_000, 50_000, 90_000]
        .iter()
        .map(|&v| owned_net("東京都", None, cost(v)))
        .collect();
    let once = chart("2.9-1", &distinct, Audience::Staff);
    let modes: Vec<&Stat> = once
        .stats
        .iter()
        .filter(|s| s.name.en.starts_with("Mode"))
        .collect();
    assert_eq!(modes.len(), 1);
    assert_eq!(modes[0].cell.value, None);
}

#[test]
fn trends_are_cumulative_by_start_year() {
    let nets = [
        net("東京都", None, Some(2008), &[]),
        net("東京都", None, Some(2010), &[]),
        net("東京都", None, Some(2010), &[]),
        net("東京都", None, Some(2013), &[]),
        net("東京都", None, None, &[]),
    ];
    let data = chart("2.1-1", &nets, Audience::Staff);
    let years: Vec<&str> = data.categories.iter().map(|c| c.ja.as_ref()).collect();
    assert_eq!(years, ["2008", "2009", "2010", "2011", "2012", "2013"]);
    // Without a start status: started up to the survey year (2012) in progress; later ones planned.
    assert_eq!(
        values(&data, 0),
        [1.0, 1.0, 3.0, 3.0, 3.0, 3.0].map(Some).to_vec()
    );
    assert_eq!(
        values(&data, 1),
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0].map(Some).to_vec()
    );
    assert_eq!(data.answered, Some(4));
}

#[test]
fn the_start_status_says_started_or_planned_whatever_the_year() {
    let status = |s: StartStatus| [("overview.main.start_status", Answer::StartStatus(s))];
    let nets = [
        net("東京都", None, Some(2011), &status(StartStatus::Started)),
        // Planned to start in the survey year: not started (the report's convention).
        net("東京都", None, Some(2012), &status(StartStatus::Planned)),
        net("東京都", None, Some(2012), &[]),
        net("東京都", None, Some(2013), &[]),
    ];
    let data = chart("2.1-1", &nets, Audience::Staff);
    let years: Vec<&str> = data.categories.iter().map(|c| c.ja.as_ref()).collect();
    assert_eq!(years, ["2011", "2012", "2013"]);
    assert_eq!(values(&data, 0), [1.0, 2.0, 2.0].map(Some).to_vec());
    assert_eq!(values(&data, 1), [0.0, 1.0, 2.0].map(Some).to_vec());
    // The status is an answer of section A: for the public, a private network alone in its
    // year does not give its status away.
    let started = |year| net("東京都", None, Some(year), &status(StartStatus::Started));
    let nets = [
        started(2010),
        started(2010),
        started(2011),
        started(2011),
        net("東京都", None, Some(2012), &status(StartStatus::Planned)),
        started(2013),
        started(2013),
        started(2013),
    ];
    let views = publish_all(
        Population::new(&edition(), &facts(&nets)),
        PUBLIC,
        &mut Memo::default(),
    );
    let public = views[0].1.iter().find(|c| c.id == "2.1-1").unwrap();
    assert_eq!(public.categories[2].ja, "2012");
    assert!(
        public.series[1].cells[2].suppressed || public.series[1].cells[1].suppressed,
        "{:?}",
        public.series[1]
    );
    assert!(adversary::attack(&edition(), &facts(&nets), &views, 3).is_empty());
}

#[test]
fn small_groups_are_suppressed_for_the_public_and_shown_to_staff() {
    let linked = |op| {
        net(
            "東京都",
            Some(op),
            None,
            &[("system.linkage.centralised", tri(Tri::InProgress))],
        )
    };
    let nets = [
        linked(Op::Hospital),
        linked(Op::Hospital),
        linked(Op::Hospital),
        linked(Op::Company),
        linked(Op::Company),
    ];
    let public = chart("2.6-2", &nets, PUBLIC);
    let at = |op: Op| {
        public
            .categories
            .iter()
            .position(|c| *c == op.label())
            .unwrap()
    };
    assert_eq!(public.series[0].cells[at(Op::Hospital)].value, Some(3.0));
    assert!(
        public.series[0].cells[at(Op::Company)].suppressed,
        "企業 has only 2 networks"
    );
    let staff = chart("2.6-2", &nets, Audience::Staff);
    assert_eq!(staff.series[0].cells[at(Op::Company)].value, Some(2.0));
    // Counts of networks per operator type are public directory facts: never hidden.
    let by_operator = chart("2.2-2", &nets, PUBLIC);
    assert_eq!(
        by_operator.series[0].cells[at(Op::Company)].value,
        Some(2.0)
    );
    // A whole chart over a group of two hides its n as well.
    let two = &nets[3..];
    let tiny = chart("2.6-1", two, PUBLIC);
    assert!(tiny
        .series
        .iter()
        .all(|s| s.cells.iter().all(|c| c.suppressed)));
    assert_eq!(tiny.answered, None);
    assert_eq!(tiny.n_label(), "n=—/2");
    assert!(
        tiny.total(0).suppressed,
        "a total over hidden parts is hidden too"
    );
    let json = tiny.to_json();
    assert_eq!(json["rows"][0]["in_progress"], "suppressed");
}

/// A network's hospitals: their status and count.
fn hospitals(state: Tri, count: i64) -> Vec<(String, Answer)> {
    vec![
        ("facilities.hospital.status".to_string(), tri(state)),
        (
            "facilities.hospital.count".to_string(),
            Answer::Number(count),
        ),
    ]
}

#[test]
fn facilities_sum_counts_of_active_types() {
    let nets = [
        owned_net("東京都", None, hospitals(Tri::InProgress, 10)),
        owned_net("東京都", None, hospitals(Tri::InProgress, 5)),
        owned_net("東京都", None, hospitals(Tri::InProgress, 1)),
        owned_net("東京都", None, hospitals(Tri::Planned, 7)),
        owned_net("東京都", None, hospitals(Tri::None, 0)),
    ];
    let data = chart("2.3-1", &nets, Audience::Staff);
    assert_eq!(
        (values(&data, 0)[0], values(&data, 1)[0]),
        (Some(16.0), Some(7.0))
    );
    assert_eq!(data.answered, Some(4));
    // The planned sum comes from one network: hidden from the public.
    let public = chart("2.3-1", &nets, PUBLIC);
    assert_eq!(values(&public, 0)[0], Some(16.0));
    assert!(public.series[1].cells[0].suppressed);
}

#[test]
fn bearers_join_the_running_and_planned_systems_and_companies_count_only_published_answers() {
    let chose = |stage: &str, keys: &[&str]| {
        (
            format!("bearers.{stage}.construction"),
            Answer::Choices(keys.iter().map(|k| k.to_string()).collect()),
        )
    };
    let nets = [
        owned_net(
            "東京都",
            None,
            vec![chose("current", &["mhlw", "facilities"])],
        ),
        owned_net(
            "東京都",
            None,
            vec![chose("current", &["mhlw"]), chose("planned", &["mhlw"])],
        ),
        owned_net("東京都", None, vec![chose("planned", &["undecided"])]),
    ];
    let data = chart("2.10-1", &nets, Audience::Staff);
    let at = |key_ja: &str| data.categories.iter().position(|c| c.ja == key_ja).unwrap();
    // The running system's bearers in progress; the planned one's, not already counted, planned.
    let mhlw = at("国の負担（厚労省）");
    assert_eq!(
        (values(&data, 0)[mhlw], values(&data, 1)[mhlw]),
        (Some(2.0), Some(0.0))
    );
    let undecided = at("未定");
    assert_eq!(
        (values(&data, 0)[undecided], values(&data, 1)[undecided]),
        (Some(0.0), Some(1.0))
    );
    assert_eq!(data.total(mhlw).value, Some(2.0), "a network counts once");
    assert_eq!(data.answered, Some(3));

    let mut published = net(
        "東京都",
        None,
        None,
        &[("system.companies.company1", Answer::Text("ＮＥＣ".into()))],
    );
    published.disclosure.set("system", Disclosure::Public);
    let private = net(
        "東京都",
        None,
        None,
        &[("system.companies.company1", Answer::Text("秘密商事".into()))],
    );
    let mut also = net(
        "東京都",
        None,
        None,
        &[("system.companies.company2", Answer::Text("nec".into()))],
    );
    also.disclosure.set("system", Disclosure::Public);
    let companies = chart("2.7", &[published, private, also], PUBLIC);
    assert_eq!(
        companies.categories.len(),
        1,
        "the private answer is not counted, widths and case are folded"
    );
    assert_eq!(values(&companies, 0), vec![Some(2.0)]);
}

/// A hospital's network in Hokkaido, started 2005, with hepatitis in progress.
fn hepatitis_in_hokkaido() -> Net {
    net(
        "北海道",
        Some(Op::Hospital),
        Some(2005),
        &[("services.diseases.hepatitis", tri(Tri::InProgress))],
    )
}

#[test]
fn every_chart_computes_on_an_empty_and_a_mixed_dataset() {
    let nets = [
        hepatitis_in_hokkaido(),
        net("沖縄県", Some(Op::NpoCouncil), Some(2013), &[]),
    ];
    for spec in registry("2012") {
        for audience in [PUBLIC, Audience::Staff] {
            for data in [
                publish(spec, aggregate(spec, &edition(), &facts(&nets)), audience),
                publish(spec, aggregate(spec, &edition(), &[]), audience),
            ] {
                for s in &data.series {
                    assert_eq!(
                        s.cells.len(),
                        data.categories.len(),
                        "{}: one cell per category",
                        spec.id
                    );
                }
                let rows = data.rows(Lang::En);
                assert!(
                    rows.iter().all(|r| r.len() == rows[0].len()),
                    "{}: a rectangular table",
                    spec.id
                );
            }
        }
    }
    let ids: Vec<&str> = registry("2012").iter().map(|s| s.id.as_str()).collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "figure numbers are unique");
}

/// Every figure of the 2012 registry over a small mixed dataset, as staff see it.
pub(crate) fn every_chart() -> Vec<ChartData> {
    let mut companies = net(
        "沖縄県",
        Some(Op::NpoCouncil),
        Some(2013),
        &[
            ("system.companies.company1", Answer::Text("富士通".into())),
            ("system.companies.company2", Answer::Text("ＮＥＣ".into())),
        ],
    );
    companies.disclosure.set("system", Disclosure::Public);
    let nets = [hepatitis_in_hokkaido(), companies];
    registry("2012")
        .iter()
        .map(|spec| {
            publish(
                spec,
                aggregate(spec, &edition(), &facts(&nets)),
                Audience::Staff,
            )
        })
        .collect()
}

#[test]
fn breakdowns_show_in_progress_and_planned_apart_each_item_on_its_bar() {
    let linked = |op, state| {
        net(
            "東京都",
            Some(op),
            Some(2011),
            &[("system.linkage.centralised", tri(state))],
        )
    };
    let nets = [
        linked(Op::Hospital, Tri::InProgress),
        linked(Op::Hospital, Tri::InProgress),
        linked(Op::Hospital, Tri::Planned),
    ];
    let data = chart("2.6-2", &nets, Audience::Staff);
    let series = |key: &str| data.series.iter().find(|s| s.key == key).unwrap();
    let hospital = data
        .categories
        .iter()
        .position(|c| *c == Op::Hospital.label())
        .unwrap();
    let centralised = series("centralised_in_progress");
    assert_eq!(centralised.cells[hospital].value, Some(2.0));
    assert_eq!(
        centralised.name.ja,
        "集中型（例：中核病院の電カルに他の医療機関が参加）・実施中"
    );
    assert_eq!(centralised.stack.as_deref(), Some("centralised"));
    let planned = series("centralised_planned");
    assert_eq!(planned.cells[hospital].value, Some(1.0));
    assert_eq!(planned.stack.as_deref(), Some("centralised"));
    assert_eq!(
        series("distributed_in_progress").stack.as_deref(),
        Some("distributed")
    );

    let nets = [
        owned_net("東京都", None, hospitals(Tri::InProgress, 10)),
        owned_net("東京都", None, hospitals(Tri::Planned, 7)),
    ];
    let data = chart("2.3-3", &nets, Audience::Staff);
    let kanto = data.categories.iter().position(|c| c.ja == "関東").unwrap();
    let series = |key: &str| data.series.iter().find(|s| s.key == key).unwrap();
    assert_eq!(
        series("hospital_in_progress").cells[kanto].value,
        Some(10.0)
    );
    assert_eq!(series("hospital_planned").cells[kanto].value, Some(7.0));
    assert_eq!(series("hospital_planned").name.ja, "病院・実施予定あり");
    // Each state is one bar of the facility types stacked.
    assert_eq!(series("clinic_planned").stack.as_deref(), Some("planned"));
    assert_eq!(data.total(kanto).value, Some(17.0));
}

#[test]
fn other_texts_are_listed_from_published_answers_only() {
    let text = |t: &str| [("system.linkage.other", Answer::Text(t.into()))];
    let published = |t: &str| {
        let mut n = net("東京都", None, None, &text(t));
        n.disclosure.set("system", Disclosure::Public);
        n
    };
    let nets = [
        published("ＳａａＳ型"),
        published("saas型 "),
        published("<b>クラウド</b>"),
        net("東京都", None, None, &text("秘密の方式")),
    ];
    for audience in [PUBLIC, Audience::Staff] {
        let data = chart("2.6-1", &nets, audience);
        assert_eq!(
            data.texts,
            [
                OtherText {
                    text: "ＳａａＳ型".into(),
                    networks: 2
                },
                OtherText {
                    text: "<b>クラウド</b>".into(),
                    networks: 1
                },
            ],
            "{audience:?}: the same words once, counted; the private one never"
        );
        assert_eq!(data.to_json()["texts"][0]["text"], "ＳａａＳ型");
    }
    // Past TEXTS_LISTED, the most frequent are listed and the rest counted.
    let many: Vec<_> = (0..crate::TEXTS_LISTED + 5)
        .map(|i| published(&format!("方式{i}")))
        .chain([published("共通の方式"), published("共通の方式")])
        .collect();
    let data = chart("2.6-1", &many, PUBLIC);
    assert_eq!(data.texts.len(), crate::TEXTS_LISTED);
    assert_eq!(data.texts[0].text, "共通の方式");
    assert_eq!(data.texts_unlisted, 6);
    assert_eq!(data.to_json()["texts_unlisted"], 6);
    // Every text the registry lists is kept when decoded; a figure without texts lists none.
    assert!(chart("2.5-1", &nets, Audience::Staff).texts.is_empty());
    let listed: Vec<&str> = registry("2012")
        .iter()
        .flat_map(|s| &s.texts)
        .map(String::as_str)
        .collect();
    let edition = edition();
    let printed: Vec<&str> = crate::facts::printed_texts(&edition)
        .map(|i| i.key.as_str())
        .collect();
    assert!(listed.iter().all(|k| printed.contains(k)), "{listed:?}");
}
