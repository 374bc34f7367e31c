//! The proof on generated datasets: the adversary ([`super::attack`]) must find leaks when
//! only small groups are hidden, and none in what is shipped.

use super::attack;
use super::sample::generate;
use crate::tests::{facts, Net};
use crate::*;
use survey::geography::OperatorType as Op;
use survey::{builtin_edition, Answer, Answers, Disclosure, DisclosureChoices, Fee, Tri};

fn primary_only(nets: &[Net], min_group: usize) -> Vec<(ChartFilter, Vec<ChartData>)> {
    super::primary_only(&builtin_edition("2012").unwrap(), &facts(nets), min_group)
}

fn shipped(nets: &[Net], min_group: usize) -> Vec<(ChartFilter, Vec<ChartData>)> {
    publish_all(
        Population::new(&builtin_edition("2012").unwrap(), &facts(nets)),
        Audience::Public { min_group },
        &mut Memo::default(),
    )
}

/// A network started in 2010 answering one item, its section published or not.
fn answering(
    prefecture: &'static str,
    operator: Op,
    (key, answer): (&str, Answer),
    published: bool,
) -> Net {
    let mut answers = Answers::default();
    answers.set(key, answer);
    let mut disclosure = DisclosureChoices::default();
    if published {
        disclosure.set(key.split('.').next().unwrap_or(key), Disclosure::Public);
    }
    Net {
        prefecture,
        operator: Some(operator),
        start_year: Some(2010),
        answers,
        disclosure,
    }
}

fn net(prefecture: &'static str, operator: Op, linkage: Tri, published: bool) -> Net {
    let centralised = ("system.linkage.centralised", Answer::Tri(linkage));
    answering(prefecture, operator, centralised, published)
}

#[test]
fn the_adversary_recovers_a_small_group_hidden_only_by_its_size() {
    // The example: 企業 has two networks; its row of 図2.6-2 is hidden, but it is
    // 図2.6-1's total minus the other operator types' rows.
    let nets = [
        net("東京都", Op::Hospital, Tri::InProgress, false),
        net("東京都", Op::Hospital, Tri::None, false),
        net("東京都", Op::Hospital, Tri::InProgress, false),
        net("北海道", Op::NpoCouncil, Tri::Planned, false),
        net("北海道", Op::NpoCouncil, Tri::None, false),
        net("北海道", Op::NpoCouncil, Tri::InProgress, false),
        net("福岡県", Op::Company, Tri::InProgress, false),
        net("福岡県", Op::Company, Tri::InProgress, true),
    ];
    let found = attack(
        &builtin_edition("2012").unwrap(),
        &facts(&nets),
        &primary_only(&nets, 3),
        3,
    );
    assert!(
        found
            .iter()
            .any(|f| f.0.contains("hidden value determined: 2.6-2")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.0.starts_with("network 6")),
        "the private company's answer follows: {found:?}"
    );
    let found = attack(
        &builtin_edition("2012").unwrap(),
        &facts(&nets),
        &shipped(&nets, 3),
        3,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn generated_datasets_leak_with_primary_suppression_only_and_never_as_shipped() {
    let (mut leaks_found, mut pinned_by_bounds, mut within_a_fifth) = (0, 0, 0);
    for seed in 1..=6u64 {
        for count in [5, 9, 16, 28] {
            let nets = generate(seed * 100 + count as u64, count);
            for min_group in [2, 3] {
                let found = attack(
                    &builtin_edition("2012").unwrap(),
                    &facts(&nets),
                    &primary_only(&nets, min_group),
                    min_group,
                );
                leaks_found += found.len();
                pinned_by_bounds += found
                    .iter()
                    .filter(|f| f.0.contains("pinned by the bounds"))
                    .count();
                within_a_fifth += found
                    .iter()
                    .filter(|f| f.0.ends_with("cannot reach 20 % more"))
                    .count();
                let found = attack(
                    &builtin_edition("2012").unwrap(),
                    &facts(&nets),
                    &shipped(&nets, min_group),
                    min_group,
                );
                assert!(
                    found.is_empty(),
                    "seed {seed}, {count} networks, K={min_group}: {found:?}"
                );
            }
        }
    }
    assert!(
        leaks_found > 20,
        "the adversary finds what primary suppression leaves: {leaks_found}"
    );
    assert!(
        pinned_by_bounds > 20,
        "and the bounds pin what no rank check determines: {pinned_by_bounds}"
    );
    assert!(
        within_a_fifth > 20,
        "and bound private amounts within 20 %: {within_a_fifth}"
    );
}

#[test]
fn the_bounds_pin_answers_that_no_rank_check_determines() {
    // Private networks a, b (北海道, hospitals, in progress), y (北海道, company), c (東京都,
    // company), e (東京都, hospital), none of them with centralised linkage, and one published
    // company in 東京都 with it. Counts: 北海道 a + b + y = 2, 関東 c + e = 0, 企業 c + y = 0,
    // 病院 a + b + e = 2. No combination of them is a + b alone, and no count or nested
    // difference covers every private network of its group; but with 0 ≤ x ≤ 1 the zeros pin
    // c = e = y = 0, hence a = b = 1.
    let nets = [
        net("北海道", Op::Hospital, Tri::InProgress, false),
        net("北海道", Op::Hospital, Tri::InProgress, false),
        net("北海道", Op::Company, Tri::None, false),
        net("東京都", Op::Company, Tri::None, false),
        net("東京都", Op::Hospital, Tri::None, false),
        net("東京都", Op::Company, Tri::InProgress, true),
    ];
    let edition = builtin_edition("2012").unwrap();
    let found = attack(&edition, &facts(&nets), &primary_only(&nets, 3), 3);
    let about_a: Vec<&str> = found
        .iter()
        .map(|f| f.0.as_str())
        .filter(|f| f.starts_with("network 0:"))
        .collect();
    assert!(
        about_a
            .iter()
            .any(|f| f.contains("centralised:InProgress\", 1)] = 1 pinned by the bounds")),
        "{found:?}"
    );
    assert!(
        about_a.iter().all(|f| f.ends_with("pinned by the bounds")),
        "the rank checks alone miss it: {found:?}"
    );
    assert!(attack(&edition, &facts(&nets), &shipped(&nets, 3), 3).is_empty());
}

fn paying(prefecture: &'static str, operator: Op, fee: i64) -> Net {
    let mut answers = Answers::default();
    answers.set("fees.hospital_current.fee", Answer::Fee(Fee::Paid));
    answers.set("fees.hospital_current.monthly", Answer::Number(fee));
    Net {
        prefecture,
        operator: Some(operator),
        start_year: Some(2010),
        answers,
        disclosure: DisclosureChoices::default(),
    }
}

#[test]
fn an_average_and_its_n_give_away_the_hidden_averages_unless_more_is_hidden() {
    // The example: two companies' hospital fees in 図2.8-3 are hidden, but 図2.8-1's
    // average over everyone times its n, minus the other operator types' sums, is their sum;
    // and the companies' region filter adds what each one pays.
    let nets = [
        paying("東京都", Op::Hospital, 10_000),
        paying("東京都", Op::Hospital, 20_000),
        paying("東京都", Op::Hospital, 30_000),
        paying("北海道", Op::Company, 5_000),
        paying("福岡県", Op::Company, 7_000),
    ];
    let edition = builtin_edition("2012").unwrap();
    let found = attack(&edition, &facts(&nets), &primary_only(&nets, 3), 3);
    assert!(
        found
            .iter()
            .any(|f| f.0.contains("hidden value determined: 2.8-3")),
        "{found:?}"
    );
    let shipped = shipped(&nets, 3);
    assert!(attack(&edition, &facts(&nets), &shipped, 3).is_empty());
    // What it cost: the overall average and n of hospitals' fees go too.
    let overall = shipped[0].1.iter().find(|c| c.id == "2.8-1").unwrap();
    assert!(
        overall.series[0].cells[0].suppressed,
        "{:?}",
        overall.series[0].cells[0]
    );
}

fn operating_cost(prefecture: &'static str, operator: Op, cost: i64, published: bool) -> Net {
    let operating = ("budget.current.operating", Answer::Number(cost));
    answering(prefecture, operator, operating, published)
}

/// What the adversary finds in `nets` under primary suppression alone (minimum group 3),
/// once it has found nothing in what is shipped.
fn attacked_unless_shipped(nets: &[Net]) -> Vec<super::Found> {
    let edition = builtin_edition("2012").unwrap();
    let shipped = attack(&edition, &facts(nets), &shipped(nets, 3), 3);
    assert!(shipped.is_empty(), "{shipped:?}");
    attack(&edition, &facts(nets), &primary_only(nets, 3), 3)
}

#[test]
fn a_private_amount_that_dominates_a_published_sum_is_not_pinned_within_a_fifth() {
    // The 図2.9-7 attack: the national sum minus what is published bounds one
    // network's private operating cost (2,700 千円) from above, to within a few percent,
    // though no combination determines it. Interval protection hides until it can reach
    // 20 % more.
    let nets = [
        operating_cost("東京都", Op::Hospital, 2_700, false),
        operating_cost("東京都", Op::Hospital, 30, false),
        operating_cost("北海道", Op::Hospital, 20, false),
        operating_cost("北海道", Op::Company, 400, true),
        operating_cost("福岡県", Op::Company, 500, true),
        operating_cost("福岡県", Op::Hospital, 10, false),
        operating_cost("東京都", Op::Company, 300, true),
    ];
    let found = attacked_unless_shipped(&nets);
    assert!(
        found.iter().any(
            |f| f.0.starts_with("network 0:") && f.0.ends_with("= 2700 cannot reach 20 % more")
        ),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.0.starts_with("network 0:") && f.0.contains("determined")),
        "no rank check sees it: {found:?}"
    );
}

#[test]
fn a_published_average_minus_the_published_parts_does_not_give_away_a_private_one() {
    // The 図2.9-6 attack: the average maintenance cost times its n, minus what the
    // networks publishing their budgets spent, is the one private network's maintenance.
    let nets: Vec<Net> = [
        (900, 600, false),
        (500, 200, true),
        (700, 300, true),
        (400, 100, true),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (operating, maintenance, published))| {
        let mut n = operating_cost(
            ["東京都", "北海道", "福岡県", "東京都"][i],
            Op::Hospital,
            operating,
            published,
        );
        n.answers
            .set("budget.current.maintenance", Answer::Number(maintenance));
        n
    })
    .collect();
    let found = attacked_unless_shipped(&nets);
    assert!(
        found
            .iter()
            .any(|f| f.0.starts_with("network 0:") && f.0.contains("maintenance")),
        "{found:?}"
    );
}

#[test]
fn neighbouring_steps_of_a_cumulative_series_do_not_give_away_the_year_between() {
    // The 図2.9-4 attack: the cumulative construction cost up to 2011 minus the one
    // up to 2010 is what the networks starting in 2011 spent; one of them alone keeps it
    // private, the others publish theirs.
    let nets: Vec<Net> = [2009, 2009, 2009, 2010, 2010, 2010, 2011, 2011, 2011]
        .into_iter()
        .enumerate()
        .map(|(i, year)| {
            let cost = (
                "budget.current.construction",
                Answer::Number(10_000 + i as i64),
            );
            Net {
                start_year: Some(year),
                ..answering("東京都", Op::Hospital, cost, i != 6)
            }
        })
        .collect();
    let found = attacked_unless_shipped(&nets);
    assert!(
        found
            .iter()
            .any(|f| f.0.starts_with("network 6:") && f.0.contains("construction")),
        "{found:?}"
    );
}

#[test]
fn small_groups_are_merged_into_others_for_the_public_and_said_so() {
    let nets = [
        net("福岡県", Op::Hospital, Tri::InProgress, false),
        net("福岡県", Op::Hospital, Tri::InProgress, false),
        net("福岡県", Op::Hospital, Tri::None, false),
        net("福岡県", Op::Company, Tri::InProgress, false),
        net("福岡県", Op::NpoCouncil, Tri::Planned, false),
        net("福岡県", Op::Other, Tri::None, false),
    ];
    let kyushu = |published: &[(ChartFilter, Vec<ChartData>)]| {
        published
            .iter()
            .find(|(f, _)| f.region == Some(survey::geography::Region::Kyushu))
            .unwrap()
            .1
            .iter()
            .find(|c| c.id == "2.6-2")
            .unwrap()
            .clone()
    };
    let public = kyushu(&shipped(&nets, 3));
    let last = public.categories.last().unwrap();
    assert_eq!(last.ja, "その他（少数の区分の合計）");
    // 企業, NPO・協議会 and その他 (one network each) together: 2 of 3 with centralised
    // linkage, 1 running and 1 planned.
    let merged = |key: &str| {
        let series = public.series.iter().find(|s| s.key == key).unwrap();
        series.cells.last().unwrap().value
    };
    assert_eq!(merged("centralised_in_progress"), Some(1.0));
    assert_eq!(merged("centralised_planned"), Some(1.0));
    assert!(public.note.as_ref().unwrap().ja.contains("まとめています"));
    assert!(attack(
        &builtin_edition("2012").unwrap(),
        &facts(&nets),
        &shipped(&nets, 3),
        3
    )
    .is_empty());
    let staff = kyushu(&publish_all(
        Population::new(&builtin_edition("2012").unwrap(), &facts(&nets)),
        Audience::Staff,
        &mut Memo::default(),
    ));
    assert!(
        staff
            .categories
            .iter()
            .all(|c| c.ja != "その他（少数の区分の合計）"),
        "staff see every operator type"
    );
}

#[test]
fn years_in_which_few_networks_started_are_joined_to_the_next_for_the_public() {
    let started = |year: i64, linkage| Net {
        start_year: Some(year),
        ..net("東京都", Op::Hospital, linkage, false)
    };
    let (yes, no) = (Tri::InProgress, Tri::None);
    let nets = [
        started(2005, yes),
        started(2006, no),
        started(2006, yes),
        started(2007, yes),
        started(2008, no),
        started(2008, yes),
        started(2008, no),
        started(2009, yes),
    ];
    let by_year = |published: &[(ChartFilter, Vec<ChartData>)]| {
        published[0]
            .1
            .iter()
            .find(|c| c.id == "2.6-3")
            .unwrap()
            .clone()
    };
    let public = by_year(&shipped(&nets, 3));
    let years: Vec<&str> = public.categories.iter().map(|c| c.ja.as_ref()).collect();
    // 3 networks by 2006, 3 more by 2008; 2009's one joins the last step.
    assert_eq!(years, ["2006", "2009"]);
    assert_eq!(
        public.series[0]
            .cells
            .iter()
            .map(|c| c.value)
            .collect::<Vec<_>>(),
        [Some(2.0), Some(5.0)]
    );
    assert!(public
        .note
        .as_ref()
        .unwrap()
        .ja
        .contains("次の年にまとめています"));
    let staff = by_year(&publish_all(
        Population::new(&builtin_edition("2012").unwrap(), &facts(&nets)),
        Audience::Staff,
        &mut Memo::default(),
    ));
    assert_eq!(staff.categories.len(), 5, "staff see every year");
    assert!(attack(
        &builtin_edition("2012").unwrap(),
        &facts(&nets),
        &shipped(&nets, 3),
        3
    )
    .is_empty());
}

#[test]
fn remembered_hides_are_exactly_what_solving_gives() {
    let edition = builtin_edition("2012").unwrap();
    let publish = |nets: &[Net], memo: &mut Memo| {
        publish_all(
            Population::new(&edition, &facts(nets)),
            Audience::Public { min_group: 3 },
            memo,
        )
    };
    let mut remembered_somewhere = false;
    for seed in 1..=4u64 {
        let mut nets = generate(seed * 7 + 1, 40);
        let mut memo = Memo::default();
        let first = publish(&nets, &mut memo);
        let solved = memo.solved();
        assert!(solved > 0 && memo.len() >= solved);
        // The same data again: every family remembered, nothing solved, the same output.
        assert_eq!(publish(&nets, &mut memo), first);
        assert_eq!(memo.solved(), 0, "seed {seed}");
        // One network's answer and disclosure change: whatever is remembered, the output is
        // that of a fresh solve.
        nets[3]
            .answers
            .set("system.linkage.centralised", Answer::Tri(Tri::Planned));
        nets[3].disclosure.set("system", Disclosure::Public);
        let fresh = publish(&nets, &mut Memo::default());
        let carried = publish(&nets, &mut memo);
        assert_eq!(carried, fresh, "seed {seed}");
        remembered_somewhere |= memo.solved() < solved;
        // Through its bytes, as a server stores it.
        let mut stored = Memo::decode(&memo.encode()).unwrap();
        assert_eq!(publish(&nets, &mut stored), fresh);
        assert_eq!(stored.solved(), 0);
    }
    assert!(
        remembered_somewhere,
        "after a change some families are not solved again"
    );
}
