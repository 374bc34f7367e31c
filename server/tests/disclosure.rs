//! Disclosure control through the public chart interface, on a real database: the
//! adversary (`charts::adversary`) attacks every chart of every public filter view as the
//! server serves them to the public, over the 2012 dataset plus networks whose private
//! answers a small group would give away; and the cost of privacy on the 2012 dataset.

use crate::support::fixtures::{insert_network, load_2012};
use crate::support::TestDb;
use charts::{
    adversary, public_views, registry, Audience, ChartData, ChartFilter, ItemIndex, NetworkFacts,
    Population,
};
use store::charts::{charts, ChartCache};
use store::networks::{records, NetworkRecord, NewNetwork};
use survey::{builtin_edition, Answer, Answers, Disclosure, DisclosureChoices, Fee, Tri};

fn facts(edition: &survey::Edition, records: &[NetworkRecord]) -> Vec<NetworkFacts> {
    let index = ItemIndex::new(edition);
    records.iter().map(|r| r.chart_facts(&index)).collect()
}

/// What the public gets for every filter it can choose, through the store's public path.
async fn public_outputs(db: &TestDb, cache: &ChartCache) -> Vec<(ChartFilter, Vec<ChartData>)> {
    let mut out = vec![];
    for filter in public_views() {
        out.push((
            filter.clone(),
            charts(&db.pool, cache, &filter, false)
                .await
                .unwrap()
                .to_vec(),
        ));
    }
    out
}

/// Three companies in 沖縄 starting in 2016 (after every 2012 network), one keeping its
/// system, fee and cost answers private: the only new networks of their year, so a
/// cumulative chart's last step is them alone, and the two published answers give the
/// private one away unless more is hidden.
async fn add_small_groups(db: &TestDb) {
    let mut tx = db.pool.begin().await.unwrap();
    for (i, (operator, published, fee)) in [
        ("company", false, 5_000),
        ("company", true, 7_000),
        ("company", true, 9_000),
    ]
    .into_iter()
    .enumerate()
    {
        let network = NewNetwork {
            report_no: Some(900 + i as i64),
            prefecture: "沖縄県".into(),
            operator_type: Some(operator.into()),
            regional_fund: false,
            name: format!("小規模ネット{i}"),
            nickname: String::new(),
            start_year: Some(2016),
        };
        let mut answers = Answers::default();
        answers.set("system.linkage.centralised", Answer::Tri(Tri::InProgress));
        answers.set("fees.hospital_current.fee", Answer::Fee(Fee::Paid));
        answers.set("fees.hospital_current.monthly", Answer::Number(fee));
        answers.set(
            "budget.current.construction",
            Answer::Number(30_000 + i as i64),
        );
        let mut disclosure = DisclosureChoices::default();
        if published {
            disclosure.set("system", Disclosure::Public);
            disclosure.set("fees", Disclosure::Public);
        }
        insert_network(&mut tx, &network, &answers, &disclosure).await;
    }
    tx.commit().await.unwrap();
}

on_both_backends!(
    nothing_hidden_and_no_private_answer_can_be_worked_out,
    async |db: &TestDb| {
        load_2012(db).await;
        add_small_groups(db).await;
        let edition = builtin_edition("2012").unwrap();
        let records = records(&db.pool, "2012").await.unwrap();
        let facts = facts(&edition, &records);
        for min_group in [3, 5] {
            let cache = ChartCache::new(min_group);
            let published = public_outputs(db, &cache).await;
            let found = adversary::attack(&edition, &facts, &published, min_group);
            assert!(found.is_empty(), "K={min_group}: {found:?}");
            // The same adversary breaks what primary suppression alone would publish.
            let primary = adversary::primary_only(&edition, &facts, min_group);
            let found = adversary::attack(&edition, &facts, &primary, min_group);
            assert!(
                !found.is_empty(),
                "K={min_group}: primary suppression alone gives answers away"
            );
        }
    }
);

on_both_backends!(
    generated_datasets_give_nothing_away_through_the_public_endpoints,
    async |db: &TestDb| {
        // Random networks (few regions, operator types and start years, so groups of one
        // and two are common) stored one dataset after another, each attacked as served.
        server::db::migrate(&db.pool, &db.url).await.unwrap();
        let edition = builtin_edition("2012").unwrap();
        let mut report_no = 1_000;
        let mut primary_leaks = 0;
        for (seed, count) in [(11, 9), (12, 16), (13, 28)] {
            let mut tx = db.pool.begin().await.unwrap();
            for sample in adversary::sample::generate(seed, count) {
                report_no += 1;
                let network = NewNetwork {
                    report_no: Some(report_no),
                    prefecture: sample.prefecture.into(),
                    operator_type: sample.operator.map(|o| o.key().into()),
                    regional_fund: false,
                    name: format!("生成ネット{report_no}"),
                    nickname: String::new(),
                    start_year: sample.start_year,
                };
                insert_network(&mut tx, &network, &sample.answers, &sample.disclosure).await;
            }
            tx.commit().await.unwrap();
            let records = records(&db.pool, "2012").await.unwrap();
            let facts = facts(&edition, &records);
            let cache = ChartCache::new(3);
            let published = public_outputs(db, &cache).await;
            let found = adversary::attack(&edition, &facts, &published, 3);
            assert!(found.is_empty(), "seed {seed}: {found:?}");
            let primary = adversary::primary_only(&edition, &facts, 3);
            primary_leaks += adversary::attack(&edition, &facts, &primary, 3).len();
        }
        assert!(
            primary_leaks > 0,
            "the datasets are ones primary suppression alone gives away"
        );
    }
);

/// Published values hidden per chart: (primary only, shipped), over the unfiltered view and
/// over all 15 public views.
fn hidden_counts(published: &[(ChartFilter, Vec<ChartData>)]) -> Vec<(usize, usize, usize)> {
    let count = |chart: &ChartData| {
        chart
            .series
            .iter()
            .flat_map(|s| &s.cells)
            .chain(chart.stats.iter().map(|s| &s.cell))
            .filter(|c| c.suppressed)
            .count()
            + usize::from(chart.answered.is_none())
    };
    let cells = |chart: &ChartData| {
        chart.series.iter().map(|s| s.cells.len()).sum::<usize>() + chart.stats.len() + 1
    };
    (0..published[0].1.len())
        .map(|c| {
            (
                count(&published[0].1[c]),
                published.iter().map(|(_, charts)| count(&charts[c])).sum(),
                published.iter().map(|(_, charts)| cells(&charts[c])).sum(),
            )
        })
        .collect()
}

on_both_backends!(
    the_cost_of_privacy_on_the_2012_dataset,
    async |db: &TestDb| {
        load_2012(db).await;
        let edition = builtin_edition("2012").unwrap();
        let records = records(&db.pool, "2012").await.unwrap();
        let facts = facts(&edition, &records);
        let cache = ChartCache::new(3);
        let started = std::time::Instant::now();
        let shipped = public_outputs(db, &cache).await;
        let elapsed = started.elapsed();
        let primary = adversary::primary_only(&edition, &facts, 3);
        let (shipped_counts, primary_counts) = (hidden_counts(&shipped), hidden_counts(&primary));
        println!(
            "every public view of every chart, computed and protected (debug build): {elapsed:?}"
        );
        println!("| chart | hidden, unfiltered: primary / shipped | hidden, all 15 views: primary / shipped | values in all views |");
        println!("|---|---:|---:|---:|");
        let (mut p_all, mut s_all, mut cells) = (0, 0, 0);
        for ((spec, p), s) in registry("2012")
            .iter()
            .zip(&primary_counts)
            .zip(&shipped_counts)
        {
            println!(
                "| {} | {} / {} | {} / {} | {} |",
                spec.id, p.0, s.0, p.1, s.1, s.2
            );
            assert!(
                s.0 >= p.0 && s.1 >= p.1,
                "{}: secondary suppression only adds",
                spec.id
            );
            (p_all, s_all, cells) = (p_all + p.1, s_all + s.1, cells + s.2);
        }
        println!("| all | | {p_all} / {s_all} | {cells} |");
        // Directory facts stay visible: the report's figures are intact for the public.
        let by_region = &shipped[0].1.iter().find(|c| c.id == "2.2-1").unwrap();
        assert!(by_region.series[0].cells.iter().all(|c| !c.suppressed));
        assert!(adversary::attack(&edition, &facts, &shipped, 3).is_empty());
    }
);

/// The same on 154 synthetic networks answering every item, half their sections published
/// (the 2012 dataset has hardly any private answers, so it shows only the primary cost).
#[test]
fn the_cost_of_privacy_on_a_synthetic_dataset_of_the_same_size() {
    let edition = builtin_edition("2012").unwrap();
    let networks = server::synthetic::generate(&edition, 154, 2012);
    let index = ItemIndex::new(&edition);
    let facts: Vec<NetworkFacts> = networks
        .iter()
        .map(|n| {
            NetworkFacts::new(
                &index,
                n.prefecture,
                Some(n.operator),
                n.start_year.into(),
                &n.answers,
                &n.disclosure,
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let shipped = charts::publish_all(
        Population::new(&edition, &facts),
        Audience::Public { min_group: 3 },
        &mut charts::Memo::default(),
    );
    let elapsed = started.elapsed();
    let primary = adversary::primary_only(&edition, &facts, 3);
    let (shipped_counts, primary_counts) = (hidden_counts(&shipped), hidden_counts(&primary));
    let sum = |counts: &[(usize, usize, usize)], f: fn(&(usize, usize, usize)) -> usize| {
        counts.iter().map(f).sum::<usize>()
    };
    println!("synthetic, 154 networks: every public view computed and protected in {elapsed:?} (debug build)");
    println!(
        "hidden, unfiltered: primary {} / shipped {}; all 15 views: primary {} / shipped {} of {} values",
        sum(&primary_counts, |c| c.0),
        sum(&shipped_counts, |c| c.0),
        sum(&primary_counts, |c| c.1),
        sum(&shipped_counts, |c| c.1),
        sum(&shipped_counts, |c| c.2)
    );
    for ((spec, p), s) in registry("2012")
        .iter()
        .zip(&primary_counts)
        .zip(&shipped_counts)
    {
        assert!(
            s.0 >= p.0 && s.1 >= p.1,
            "{}: secondary suppression only adds",
            spec.id
        );
        if s.1 > p.1 {
            println!(
                "| {} | {} / {} | {} / {} | {} |",
                spec.id, p.0, s.0, p.1, s.1, s.2
            );
        }
    }
    let started = std::time::Instant::now();
    assert!(adversary::attack(&edition, &facts, &shipped, 3).is_empty());
    println!("the adversary's attack: {:?}", started.elapsed());
}
