//! Random datasets for the adversary's property tests, here and in the server's tests (which
//! store them in a real database and attack what the public endpoints serve).

use survey::geography::OperatorType as Op;
use survey::{Answer, Answers, Disclosure, DisclosureChoices, Fee, Tri};

/// A network of a hand-made or generated dataset: its directory facts and its answers.
pub struct SampleNetwork {
    pub prefecture: &'static str,
    pub operator: Option<Op>,
    pub start_year: Option<i64>,
    pub answers: Answers,
    pub disclosure: DisclosureChoices,
}

/// xorshift: deterministic datasets without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// `count` networks over few regions, operator types and start years (so groups of one and
/// two are common), answering items of every kind the charts count, with random
/// disclosure choices.
pub fn generate(seed: u64, count: usize) -> Vec<SampleNetwork> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let prefectures = ["北海道", "福岡県", "東京都"];
    let operators = [Some(Op::Hospital), Some(Op::Company), Some(Op::NpoCouncil)];
    let tri = |rng: &mut Rng| {
        [Tri::InProgress, Tri::InProgress, Tri::Planned, Tri::None][rng.below(4) as usize]
    };
    (0..count)
        .map(|_| {
            let mut a = Answers::default();
            for key in [
                "services.diseases.hepatitis",
                "system.linkage.centralised",
                "system.linkage.distributed",
                "system.patient_id.id_link",
            ] {
                if rng.chance(70) {
                    a.set(key, Answer::Tri(tri(&mut rng)));
                }
            }
            if rng.chance(60) {
                a.set("facilities.hospital.status", Answer::Tri(tri(&mut rng)));
                a.set(
                    "facilities.hospital.count",
                    Answer::Number(1 + rng.below(30) as i64),
                );
            }
            if rng.chance(60) {
                let paid = rng.chance(60);
                a.set(
                    "fees.hospital_current.fee",
                    Answer::Fee(if paid { Fee::Paid } else { Fee::Free }),
                );
                if paid {
                    a.set(
                        "fees.hospital_current.monthly",
                        Answer::Number(1_000 * (1 + rng.below(20) as i64)),
                    );
                }
            }
            if rng.chance(50) {
                a.set(
                    "budget.current.construction",
                    Answer::Number([500, 20_000, 70_000, 150_000, 400_000][rng.below(5) as usize]),
                );
            }
            if rng.chance(50) {
                a.set(
                    "budget.current.operating",
                    Answer::Number(100 * (1 + rng.below(50) as i64)),
                );
            }
            if rng.chance(50) {
                let choices = ["mhlw", "facilities", "local_government"]
                    .iter()
                    .filter(|_| rng.chance(50))
                    .map(|c| c.to_string())
                    .collect();
                a.set("bearers.current.construction", Answer::Choices(choices));
            }
            let mut d = DisclosureChoices::default();
            for section in [
                "services",
                "system",
                "facilities",
                "fees",
                "budget",
                "bearers",
                "overview",
            ] {
                if rng.chance(35) {
                    d.set(section, Disclosure::Public);
                }
            }
            SampleNetwork {
                prefecture: prefectures[rng.below(3) as usize],
                operator: operators[rng.below(3) as usize],
                start_year: Some(2009 + rng.below(3) as i64),
                answers: a,
                disclosure: d,
            }
        })
        .collect()
}
