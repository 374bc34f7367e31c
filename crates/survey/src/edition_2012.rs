//! The 2012 edition: 別添4 「アンケート項目と内容」 of the JMARI report, as data.
//! Japanese labels are the survey's own words.

use std::borrow::Cow;

use super::definition::{
    AnswerKind as K, Choice, DisclosureOptions, Edition, Group, Item, Section,
};
use crate::i18n::Label;

const fn l(ja: &'static str, en: &'static str) -> Label {
    Label::new(ja, en)
}

/// `(key, ja, en, kind)` rows for a group.
type Row = (&'static str, &'static str, &'static str, K);

fn group(section: &str, key: &str, title: Option<Label>, rows: Vec<Row>) -> Group {
    Group {
        key: key.to_string(),
        title,
        items: rows
            .into_iter()
            .map(|(item, ja, en, kind)| Item {
                key: format!("{section}.{key}.{item}"),
                label: l(ja, en),
                kind,
                required: false,
                contact: false,
                retired: false,
            })
            .collect(),
    }
}

fn section(
    key: &str,
    letter: &str,
    title: Label,
    save_group: u8,
    disclosure: DisclosureOptions,
    groups: Vec<Group>,
) -> Section {
    Section {
        key: key.into(),
        letter: letter.into(),
        title,
        save_group,
        disclosure,
        groups,
    }
}

fn tri(key: &'static str, ja: &'static str, en: &'static str) -> Row {
    (key, ja, en, K::Tri)
}

/// A titled group of `rows` closed by a free-text その他.
fn with_other(section: &str, key: &str, title: Label, mut rows: Vec<Row>) -> Group {
    rows.push(("other", "その他", "Other", K::Text));
    group(section, key, Some(title), rows)
}

/// The running and the planned system's groups of a section; `rows(true)` for the planned one.
fn current_and_planned(section: &str, rows: impl Fn(bool) -> Vec<Row>) -> Vec<Group> {
    vec![
        group(
            section,
            "current",
            Some(l("サービス実施中のシステム", "Running system")),
            rows(false),
        ),
        group(
            section,
            "planned",
            Some(l("サービス実施予定のシステム", "Planned system")),
            rows(true),
        ),
    ]
}

fn choices(rows: &[(&'static str, &'static str, &'static str)]) -> Vec<Choice> {
    rows.iter()
        .map(|&(key, ja, en)| Choice {
            key: key.into(),
            label: l(ja, en),
        })
        .collect()
}

fn joined(a: &Label, b: &Label) -> Label {
    Label {
        ja: Cow::Owned(format!("{} {}", a.ja, b.ja)),
        en: Cow::Owned(format!("{} {}", a.en, b.en)),
    }
}

pub fn edition() -> Edition {
    use DisclosureOptions::{ContactOrWholeSection as Contact, WholeSection as Whole};
    Edition {
        id: "2012".into(),
        title: l(
            "ITを利用した全国地域医療連携の概況（2012年度版）",
            "IT-based regional healthcare networks in Japan (2012)",
        ),
        sections: vec![
            section(
                "overview",
                "A",
                l("システムの概要について", "System overview"),
                1,
                Whole,
                vec![overview()],
            ),
            section(
                "org1",
                "B",
                l("システムの代表団体について", "Representative organisation"),
                1,
                Contact,
                vec![organisation("org1")],
            ),
            section(
                "org2",
                "C",
                l(
                    "システムの代表団体２について",
                    "Representative organisation 2",
                ),
                1,
                Contact,
                vec![organisation("org2")],
            ),
            section(
                "facilities",
                "D",
                l("参加団体数について", "Participating facilities"),
                2,
                Whole,
                facilities(),
            ),
            section(
                "consent",
                "E",
                l("参加の同意方法について", "Consent method"),
                2,
                Whole,
                consent(),
            ),
            section(
                "services",
                "F",
                l("サービスについて", "Services"),
                2,
                Whole,
                services(),
            ),
            section(
                "system",
                "G",
                l("システムについて", "System"),
                2,
                Whole,
                system(),
            ),
            section(
                "fees",
                "H",
                l(
                    "サービス利用・参加料金について",
                    "Service and participation fees",
                ),
                3,
                Whole,
                fees(),
            ),
            section(
                "budget",
                "I",
                l("予算関係について", "Budget"),
                3,
                Whole,
                budget(),
            ),
            section(
                "bearers",
                "J",
                l("費用の負担について", "Who bears the costs"),
                3,
                Whole,
                bearers(),
            ),
        ],
    }
}

fn overview() -> Group {
    let mut g = group(
        "overview",
        "main",
        None,
        vec![
            ("name", "システムの名称", "System name", K::Text),
            (
                "nickname",
                "システムの略称・愛称(ある場合)",
                "Short name or nickname (if any)",
                K::Text,
            ),
            ("summary", "システムの概要", "Summary", K::TextArea),
            (
                "start_status",
                "サービスの運用開始状況",
                "Service start status",
                K::StartStatus,
            ),
            ("start_year", "開始年(西暦)", "Start year", K::Year),
            ("public_url", "公開URL", "Public URL", K::Url),
        ],
    );
    g.items[0].required = true;
    g
}

fn organisation(section: &str) -> Group {
    let mut g = group(
        section,
        "main",
        None,
        vec![
            ("name", "代表団体名", "Organisation name", K::Text),
            ("postal_code", "郵便番号", "Postal code", K::Postal),
            (
                "prefecture",
                "住所(都道府県)",
                "Address (prefecture)",
                K::Prefecture,
            ),
            ("address", "住所", "Address", K::Text),
            ("phone", "電話", "Phone", K::Phone),
            ("fax", "FAX", "Fax", K::Phone),
            (
                "contact_department",
                "担当者所属",
                "Contact's department",
                K::Text,
            ),
            ("contact_name", "担当者氏名", "Contact name", K::Text),
            (
                "contact_email",
                "担当者Eメールアドレス",
                "Contact email",
                K::Email,
            ),
        ],
    );
    for item in &mut g.items {
        item.contact = item.key.ends_with("contact_name") || item.key.ends_with("contact_email");
    }
    g
}

/// The five facility types of section D, also used by charts.
pub const FACILITY_TYPES: [(&str, &str, &str); 5] = [
    ("hospital", "病院", "Hospital"),
    ("clinic", "診療所", "Clinic"),
    ("pharmacy", "薬局", "Pharmacy"),
    ("care", "介護施設", "Care facility"),
    ("other", "その他の施設", "Other facility"),
];

fn facilities() -> Vec<Group> {
    FACILITY_TYPES
        .iter()
        .map(|&(key, ja, en)| {
            group(
                "facilities",
                key,
                Some(l(ja, en)),
                vec![
                    ("status", ja, en, K::Tri),
                    ("count", "参加数", "Number participating", K::Count),
                ],
            )
        })
        .collect()
}

fn consent() -> Vec<Group> {
    let facilities = || {
        vec![
            tri("region_wide", "地域全体で参加", "The whole region joins"),
            tri("per_facility", "施設毎の参加判断", "Each facility decides"),
        ]
    };
    vec![
        with_other(
            "consent",
            "institutions",
            l("医療機関等", "Medical institutions"),
            facilities(),
        ),
        with_other(
            "consent",
            "care",
            l("介護施設、その他", "Care and other facilities"),
            facilities(),
        ),
        with_other(
            "consent",
            "patients",
            l("患者さん", "Patients"),
            vec![
                tri(
                    "all_facilities",
                    "参加施設すべての情報連携に一括同意",
                    "One consent covers all facilities",
                ),
                tri(
                    "per_facility",
                    "施設毎に情報連携の可否を指定",
                    "The patient chooses per facility",
                ),
            ],
        ),
    ]
}

fn services() -> Vec<Group> {
    vec![
        group(
            "services",
            "diseases",
            Some(l("連携している疾病について", "Linked diseases")),
            vec![
                tri(
                    "femoral_neck_fracture",
                    "大腿骨頸部骨折",
                    "Femoral neck fracture",
                ),
                tri("cerebrovascular", "脳血管障害", "Cerebrovascular disease"),
                tri("heart", "心臓疾患", "Heart disease"),
                tri(
                    "gastric_colorectal_cancer",
                    "胃・大腸がん",
                    "Gastric or colorectal cancer",
                ),
                tri("hepatitis", "肝炎", "Hepatitis"),
                tri("prostate", "前立腺", "Prostate"),
                tri("other", "その他", "Other"),
            ],
        ),
        group(
            "services",
            "provided",
            Some(l("提供しているサービスについて", "Services provided")),
            vec![
                tri(
                    "referral_letter",
                    "電子紹介状",
                    "Electronic referral letter",
                ),
                tri(
                    "clinical_pathway",
                    "地域連携パスの共有",
                    "Shared regional clinical pathway",
                ),
                tri("telemedicine", "遠隔医療", "Telemedicine"),
                tri(
                    "remote_conference",
                    "遠隔カンファランス",
                    "Remote conference",
                ),
                tri(
                    "e_prescription",
                    "電子処方箋(実証等)",
                    "Electronic prescription (trials)",
                ),
                tri(
                    "e_medication_notebook",
                    "電子おくすり手帳",
                    "Electronic medication notebook",
                ),
                tri("discharge_summary", "退院時サマリ", "Discharge summary"),
                tri("health_checkup", "健診情報連携", "Health check-up data"),
                tri("home_care", "在宅医療連携", "Home care"),
                tri("long_term_care", "介護連携", "Long-term care"),
                tri("image_sharing", "画像情報の共有", "Image sharing"),
                tri(
                    "image_diagnosis",
                    "画像診断サービス",
                    "Image diagnosis service",
                ),
                tri("laboratory", "検査機関との連携", "Laboratory link"),
                tri(
                    "patient_id_card",
                    "患者用IDカードの発行",
                    "Patient ID cards",
                ),
                tri(
                    "staff_mobile",
                    "医療従事者用モバイル対応",
                    "Mobile access for staff",
                ),
            ],
        ),
        group(
            "services",
            "patient",
            Some(l("患者サービス", "Patient services")),
            vec![
                tri("pc_access", "ＰＣアクセスサービス", "PC access"),
                tri("mobile_access", "モバイルアクセスサービス", "Mobile access"),
                tri("my_hospital", "どこでもMY病院", "My Hospital Everywhere"),
            ],
        ),
        group(
            "services",
            "notes",
            None,
            vec![
                (
                    "other_services",
                    "その他のサービス",
                    "Other services",
                    K::Text,
                ),
                ("notes", "補足・備考（自由記載）", "Notes", K::TextArea),
            ],
        ),
    ]
}

fn network(key: &str, title: Label) -> Group {
    with_other(
        "system",
        key,
        title,
        vec![
            tri("ip_vpn", "IP-VPN", "IP-VPN"),
            tri(
                "ipsec_vpn",
                "インターネットVPN(IPSec+IKE)",
                "Internet VPN (IPsec+IKE)",
            ),
            tri("ssl", "インターネット(SSL)", "Internet (SSL)"),
        ],
    )
}

fn login(key: &str, title: Label, cards: Vec<Row>) -> Group {
    let mut rows = vec![tri("id_password", "IDとパスワード", "ID and password")];
    rows.extend(cards);
    with_other("system", key, title, rows)
}

fn system() -> Vec<Group> {
    let care_card = || vec![tri("ic_card", "ICカード", "IC card")];
    vec![
        with_other(
            "system",
            "linkage",
            l("連携方式", "Linkage"),
            vec![
                tri(
                    "centralised",
                    "集中型（例：中核病院の電カルに他の医療機関が参加）",
                    "Centralised (e.g. others join a core hospital's EHR)",
                ),
                tri(
                    "distributed",
                    "分散型（例：各機関のシステムを使い相互に接続し連携）",
                    "Distributed (each institution's systems interconnect)",
                ),
            ],
        ),
        with_other(
            "system",
            "sharing",
            l("情報共有の形態", "Form of sharing"),
            vec![
                tri("two_way", "双方向での共有", "Two-way"),
                tri("read_only", "参照のみ", "Read-only"),
            ],
        ),
        group(
            "system",
            "patient_id",
            Some(l("地域共通ＩＤのシステムについて", "Common patient ID")),
            vec![
                tri("human_bridge", "HumanBridgeシステムを利用", "HumanBridge"),
                tri("id_link", "ID-Linkシステムを利用", "ID-Link"),
                tri(
                    "other_system",
                    "その他の共通ＩＤシステムを利用",
                    "Another common ID system",
                ),
                (
                    "no_common_id",
                    "共通ＩＤを使用していない",
                    "No common ID",
                    K::Check,
                ),
            ],
        ),
        with_other(
            "system",
            "data_location",
            l(
                "連携用情報/データの主な保存場所",
                "Where the shared data is kept",
            ),
            vec![
                tri("on_premises", "各医療機関の院内", "Inside each institution"),
                tri(
                    "data_centre",
                    "院外のデータセンター",
                    "External data centre",
                ),
            ],
        ),
        group(
            "system",
            "standards",
            Some(l("厚生労働省標準規格の採用", "MHLW standards adopted")),
            vec![
                tri(
                    "hs001",
                    "医薬品ＨＯＴコードマスター",
                    "HS001 HOT drug code master",
                ),
                tri(
                    "hs005",
                    "ICD10対応標準病名マスター",
                    "HS005 ICD-10 standard disease names",
                ),
                tri(
                    "hs007",
                    "患者診療情報提供書及び電子診療データ提供書（患者への情報提供）",
                    "HS007 Patient information documents",
                ),
                tri(
                    "hs008",
                    "診療情報提供書（電子紹介状）",
                    "HS008 Referral letter (electronic)",
                ),
                tri(
                    "hs009",
                    "IHE 統合プロファイル「可搬型医用画像」およびその運用指針",
                    "HS009 IHE Portable Data for Imaging",
                ),
                tri(
                    "hs010",
                    "保健医療情報-医療波形フォーマット－第92001部：符号化規則",
                    "HS010 Medical waveform format (MFER)",
                ),
                tri(
                    "hs011",
                    "医療におけるデジタル画像と通信（DICOM）",
                    "HS011 DICOM",
                ),
                tri(
                    "hs012",
                    "JAHIS 臨床検査データ交換規約",
                    "HS012 JAHIS laboratory data exchange",
                ),
                tri(
                    "hs013",
                    "標準歯科病名マスター",
                    "HS013 Standard dental disease names",
                ),
                tri("hs014", "臨床検査マスター", "HS014 Laboratory test master"),
                tri(
                    "hs016",
                    "JAHIS 放射線データ交換規約",
                    "HS016 JAHIS radiology data exchange",
                ),
                tri(
                    "hs017",
                    "HIS、RIS、PACS、モダリティ間予約、会計、照射録情報連携指針（JJ1017指針）",
                    "HS017 JJ1017 guideline",
                ),
            ],
        ),
        network(
            "network_institutions",
            l(
                "通信ネットワーク：医療機関等との通信",
                "Network: with medical institutions",
            ),
        ),
        network(
            "network_care",
            l(
                "通信ネットワーク：介護施設・その他施設との通信",
                "Network: with care and other facilities",
            ),
        ),
        network(
            "network_patients",
            l(
                "通信ネットワーク：患者さんとの通信",
                "Network: with patients",
            ),
        ),
        login(
            "login_institutions",
            l(
                "ログインセキュリティ：医療機関・薬局用",
                "Login security: institutions and pharmacies",
            ),
            vec![
                tri(
                    "hpki",
                    "HPKI電子証明書（ＩＣカード）",
                    "HPKI certificate (IC card)",
                ),
                tri(
                    "pki",
                    "PKI電子証明書（ＩＣカード）",
                    "PKI certificate (IC card)",
                ),
            ],
        ),
        login(
            "login_care",
            l(
                "ログインセキュリティ：介護施設・その他施設用",
                "Login security: care and other facilities",
            ),
            care_card(),
        ),
        login(
            "login_patients",
            l(
                "ログインセキュリティ：患者さん用",
                "Login security: patients",
            ),
            care_card(),
        ),
        group(
            "system",
            "companies",
            Some(l("主な関連IT企業", "Main IT companies")),
            vec![
                ("company1", "企業名(１)", "Company (1)", K::Text),
                ("company2", "企業名(２)", "Company (2)", K::Text),
                ("company3", "企業名(３)", "Company (3)", K::Text),
            ],
        ),
    ]
}

/// The payers of section H (the charts read them back with [`Edition::fee_payers`]).
const FEE_PAYERS: [(&str, &str, &str); 5] = [
    ("hospital", "病院", "Hospitals"),
    ("clinic", "診療所", "Clinics"),
    ("pharmacy", "薬局", "Pharmacies"),
    ("care", "介護施設・その他", "Care and other facilities"),
    ("patient", "患者さん", "Patients"),
];

fn fees() -> Vec<Group> {
    let stages = [
        ("current", l("実施中のサービス", "Current service"), false),
        ("planned", l("実施予定のサービス", "Planned service"), true),
    ];
    FEE_PAYERS
        .iter()
        .flat_map(|&(payer, ja, en)| {
            stages.iter().map(move |(stage, stage_label, undecided)| {
                let mut g = group(
                    "fees",
                    &format!("{payer}_{stage}"),
                    Some(joined(&l(ja, en), stage_label)),
                    vec![
                        (
                            "fee",
                            "料金",
                            "Fee",
                            K::Fee {
                                undecided: *undecided,
                            },
                        ),
                        ("monthly", "月額(円)", "Monthly amount (yen)", K::Yen),
                        ("notes", "補足・備考", "Notes", K::Text),
                    ],
                );
                g.items[0].label = joined(&l(ja, en), stage_label);
                g
            })
        })
        .collect()
}

fn budget() -> Vec<Group> {
    current_and_planned("budget", |_| {
        vec![
            (
                "construction",
                "システムの構築費用概算(千円)",
                "Construction cost (thousand yen)",
                K::KiloYen,
            ),
            (
                "operating",
                "システムの運用費用概算(千円/年間)",
                "Operating cost (thousand yen a year)",
                K::KiloYen,
            ),
            (
                "maintenance",
                "保守費概算(千円/年間)",
                "of which maintenance (thousand yen a year)",
                K::KiloYen,
            ),
            (
                "other_cost",
                "その他費用概算(千円/年間)",
                "of which other (thousand yen a year)",
                K::KiloYen,
            ),
            ("notes", "補足・備考", "Notes", K::Text),
        ]
    })
}

/// A bearer list: the bearers both lists share, then `own`; the planned system's lists
/// add 未定.
fn bearer_choices(
    own: &[(&'static str, &'static str, &'static str)],
    undecided: bool,
) -> Vec<Choice> {
    let mut c = choices(&[
        ("facilities", "参加施設の負担", "Participating facilities"),
        ("local_government", "自治体の負担", "Local government"),
        (
            "medical_associations",
            "地域の医療関係団体(医師会、その他)の負担",
            "Local medical associations",
        ),
    ]);
    c.extend(choices(own));
    if undecided {
        c.extend(choices(&[("undecided", "未定", "Undecided")]));
    }
    c
}

fn bearers() -> Vec<Group> {
    let construction = |undecided: bool| {
        bearer_choices(
            &[
                ("mhlw", "国の負担（厚労省）", "National: MHLW"),
                ("meti", "国の負担（経産省）", "National: METI"),
                ("mic", "国の負担（総務省）", "National: MIC"),
                (
                    "other_ministries",
                    "国の負担（その他の省庁）",
                    "National: other ministries",
                ),
                ("other", "その他", "Other"),
            ],
            undecided,
        )
    };
    let operation = |undecided: bool| {
        bearer_choices(
            &[
                ("national", "国の負担", "National government"),
                (
                    "patients",
                    "患者さんの利用料・会費等で負担",
                    "Patients' fees",
                ),
                ("other", "その他", "Other"),
            ],
            undecided,
        )
    };
    current_and_planned("bearers", |undecided| {
        vec![
            (
                "construction",
                "システムの構築費用の負担(複数選択可)",
                "Who paid for construction",
                K::Bearers {
                    choices: construction(undecided),
                },
            ),
            (
                "construction_other",
                "構築費用の負担：その他",
                "Construction: other",
                K::Text,
            ),
            (
                "operation",
                "システムの運用費用の負担(複数選択可)",
                "Who pays for operation",
                K::Bearers {
                    choices: operation(undecided),
                },
            ),
            (
                "operation_other",
                "運用費用の負担：その他",
                "Operation: other",
                K::Text,
            ),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_prefixed_by_their_section() {
        let e = edition();
        let mut seen = HashSet::new();
        for (section, item) in e.items() {
            assert!(seen.insert(item.key.clone()), "duplicate key {}", item.key);
            assert!(
                item.key.starts_with(&format!("{}.", section.key)),
                "{}",
                item.key
            );
            assert_eq!(e.section_of(&item.key).unwrap().key, section.key);
        }
    }

    #[test]
    fn has_every_section_and_the_expected_items() {
        let e = edition();
        let letters: Vec<_> = e.sections.iter().map(|s| s.letter.as_str()).collect();
        assert_eq!(letters, ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]);
        let tri_count = e.items().filter(|(_, i)| i.kind == K::Tri).count();
        // 5 facility + 6 consent + 7 diseases + 18 services + 7 linkage/sharing + 3 ID + 2 location
        // + 12 standards + 9 network + 7 login.
        assert_eq!(tri_count, 5 + 6 + 7 + 18 + 4 + 3 + 2 + 12 + 9 + 7);
        assert_eq!(
            e.item("system.standards.hs005").unwrap().label.ja,
            "ICD10対応標準病名マスター"
        );
        assert!(e.item("org1.main.contact_email").unwrap().contact);
        assert!(!e.item("org1.main.phone").unwrap().contact);
        assert!(e.item("overview.main.name").unwrap().required);
    }

    #[test]
    fn the_fee_payers_read_back_from_the_fee_groups() {
        let expected: Vec<(&str, Label)> = FEE_PAYERS
            .iter()
            .map(|&(payer, ja, en)| (payer, l(ja, en)))
            .collect();
        assert_eq!(edition().fee_payers(), expected);
        assert_eq!(crate::edition_2013::edition().fee_payers(), expected);
    }

    #[test]
    fn survives_a_json_round_trip() {
        let e = edition();
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Edition>(&json).unwrap(), e);
    }
}
