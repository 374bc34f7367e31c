//! Prefectures, the report's eight regions (地方区分) and operator types (代表団体区分).

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// A region of the report. 三重県 counts as 近畿 and 沖縄県 as 九州, as the report does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    Hokkaido,
    Tohoku,
    Kanto,
    Chubu,
    Kinki,
    Chugoku,
    Shikoku,
    Kyushu,
}

impl Region {
    pub const ALL: [Region; 8] = [
        Region::Hokkaido,
        Region::Tohoku,
        Region::Kanto,
        Region::Chubu,
        Region::Kinki,
        Region::Chugoku,
        Region::Shikoku,
        Region::Kyushu,
    ];

    pub fn label(self) -> Label {
        match self {
            Region::Hokkaido => Label::new("北海道", "Hokkaido"),
            Region::Tohoku => Label::new("東北", "Tohoku"),
            Region::Kanto => Label::new("関東", "Kanto"),
            Region::Chubu => Label::new("中部", "Chubu"),
            Region::Kinki => Label::new("近畿", "Kinki"),
            Region::Chugoku => Label::new("中国", "Chugoku"),
            Region::Shikoku => Label::new("四国", "Shikoku"),
            Region::Kyushu => Label::new("九州", "Kyushu"),
        }
    }

    pub fn from_ja(name: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.label().ja == name)
    }

    /// Stable key used in URLs and exports.
    pub fn key(self) -> &'static str {
        match self {
            Region::Hokkaido => "hokkaido",
            Region::Tohoku => "tohoku",
            Region::Kanto => "kanto",
            Region::Chubu => "chubu",
            Region::Kinki => "kinki",
            Region::Chugoku => "chugoku",
            Region::Shikoku => "shikoku",
            Region::Kyushu => "kyushu",
        }
    }

    /// A region by key or by Japanese name (`?region=九州` works too).
    pub fn parse(s: &str) -> Option<Region> {
        Region::ALL
            .into_iter()
            .find(|r| r.key() == s)
            .or_else(|| Region::from_ja(s))
    }

    pub fn prefectures(self) -> impl Iterator<Item = &'static str> {
        PREFECTURES
            .iter()
            .filter(move |(_, r)| *r == self)
            .map(|(p, _)| *p)
    }
}

/// The 47 prefectures in the usual order (JIS X 0401), with their region.
pub const PREFECTURES: [(&str, Region); 47] = {
    use Region::*;
    [
        ("北海道", Hokkaido),
        ("青森県", Tohoku),
        ("岩手県", Tohoku),
        ("宮城県", Tohoku),
        ("秋田県", Tohoku),
        ("山形県", Tohoku),
        ("福島県", Tohoku),
        ("茨城県", Kanto),
        ("栃木県", Kanto),
        ("群馬県", Kanto),
        ("埼玉県", Kanto),
        ("千葉県", Kanto),
        ("東京都", Kanto),
        ("神奈川県", Kanto),
        ("新潟県", Chubu),
        ("富山県", Chubu),
        ("石川県", Chubu),
        ("福井県", Chubu),
        ("山梨県", Chubu),
        ("長野県", Chubu),
        ("岐阜県", Chubu),
        ("静岡県", Chubu),
        ("愛知県", Chubu),
        ("三重県", Kinki),
        ("滋賀県", Kinki),
        ("京都府", Kinki),
        ("大阪府", Kinki),
        ("兵庫県", Kinki),
        ("奈良県", Kinki),
        ("和歌山県", Kinki),
        ("鳥取県", Chugoku),
        ("島根県", Chugoku),
        ("岡山県", Chugoku),
        ("広島県", Chugoku),
        ("山口県", Chugoku),
        ("徳島県", Shikoku),
        ("香川県", Shikoku),
        ("愛媛県", Shikoku),
        ("高知県", Shikoku),
        ("福岡県", Kyushu),
        ("佐賀県", Kyushu),
        ("長崎県", Kyushu),
        ("熊本県", Kyushu),
        ("大分県", Kyushu),
        ("宮崎県", Kyushu),
        ("鹿児島県", Kyushu),
        ("沖縄県", Kyushu),
    ]
};

/// The prefectures' names in English, in [`PREFECTURES`]' order.
const PREFECTURES_EN: [&str; 47] = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
];

/// Each prefecture's tile on a grid map of Japan (column, row; 13 × 10, north-east at the
/// top right), in [`PREFECTURES`]' order: neighbours stay neighbours, every tile the same
/// size, so a small prefecture's count is as legible as Hokkaido's.
pub const TILES: [(u8, u8); 47] = [
    (12, 0), // 北海道
    (12, 1), // 青森
    (12, 2), // 岩手
    (12, 3), // 宮城
    (11, 2), // 秋田
    (11, 3), // 山形
    (11, 4), // 福島
    (12, 5), // 茨城
    (11, 5), // 栃木
    (10, 5), // 群馬
    (10, 6), // 埼玉
    (12, 6), // 千葉
    (11, 6), // 東京
    (11, 7), // 神奈川
    (10, 4), // 新潟
    (9, 4),  // 富山
    (8, 4),  // 石川
    (7, 5),  // 福井
    (9, 6),  // 山梨
    (9, 5),  // 長野
    (8, 5),  // 岐阜
    (9, 7),  // 静岡
    (8, 7),  // 愛知
    (7, 8),  // 三重
    (8, 6),  // 滋賀
    (7, 6),  // 京都
    (6, 7),  // 大阪
    (6, 6),  // 兵庫
    (7, 7),  // 奈良
    (6, 8),  // 和歌山
    (5, 6),  // 鳥取
    (4, 6),  // 島根
    (5, 7),  // 岡山
    (4, 7),  // 広島
    (3, 6),  // 山口
    (5, 9),  // 徳島
    (5, 8),  // 香川
    (4, 8),  // 愛媛
    (4, 9),  // 高知
    (2, 6),  // 福岡
    (1, 6),  // 佐賀
    (0, 6),  // 長崎
    (1, 7),  // 熊本
    (2, 7),  // 大分
    (2, 8),  // 宮崎
    (1, 8),  // 鹿児島
    (0, 9),  // 沖縄
];

/// A prefecture's name as short as a map tile needs: without 都・府・県 (北海道 stays whole).
pub fn prefecture_short(index: usize) -> Label {
    let ja = PREFECTURES[index].0;
    let short = ja
        .strip_suffix(['都', '府', '県'])
        .filter(|_| ja != "北海道")
        .unwrap_or(ja);
    Label {
        ja: short.to_string().into(),
        en: PREFECTURES_EN[index].into(),
    }
}

/// A prefecture's name in both languages (stored data keeps the Japanese one); a name that
/// is not a prefecture reads as it was written in both.
pub fn prefecture_label(name: &str) -> Label {
    match PREFECTURES.iter().position(|(p, _)| *p == name) {
        Some(i) => Label::new(PREFECTURES[i].0, PREFECTURES_EN[i]),
        None => Label {
            ja: name.to_string().into(),
            en: name.to_string().into(),
        },
    }
}

/// The region a prefecture belongs to, or `None` for an unknown name.
pub fn region_of(prefecture: &str) -> Option<Region> {
    PREFECTURES
        .iter()
        .find(|(p, _)| *p == prefecture)
        .map(|(_, r)| *r)
}

/// 代表団体区分: how staff classify a network's representative organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatorType {
    Hospital,
    MedicalAssociation,
    NpoCouncil,
    Government,
    Company,
    Other,
}

impl OperatorType {
    pub const ALL: [OperatorType; 6] = [
        OperatorType::Hospital,
        OperatorType::MedicalAssociation,
        OperatorType::NpoCouncil,
        OperatorType::Government,
        OperatorType::Company,
        OperatorType::Other,
    ];

    pub fn label(self) -> Label {
        match self {
            OperatorType::Hospital => Label::new("病院", "Hospital"),
            OperatorType::MedicalAssociation => Label::new("医師会", "Medical association"),
            OperatorType::NpoCouncil => Label::new("NPO・協議会", "NPO or council"),
            OperatorType::Government => Label::new("行政", "Local government"),
            OperatorType::Company => Label::new("企業", "Company"),
            OperatorType::Other => Label::new("その他", "Other"),
        }
    }

    /// Stable key used in storage and URLs.
    pub fn key(self) -> &'static str {
        match self {
            OperatorType::Hospital => "hospital",
            OperatorType::MedicalAssociation => "medical_association",
            OperatorType::NpoCouncil => "npo_council",
            OperatorType::Government => "government",
            OperatorType::Company => "company",
            OperatorType::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    pub fn from_ja(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.label().ja == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_conventions_for_regions() {
        assert_eq!(region_of("三重県"), Some(Region::Kinki));
        assert_eq!(region_of("沖縄県"), Some(Region::Kyushu));
        assert_eq!(region_of("北海道"), Some(Region::Hokkaido));
        assert_eq!(region_of("ニューヨーク"), None);
        let total: usize = Region::ALL.iter().map(|r| r.prefectures().count()).sum();
        assert_eq!(total, 47);
    }

    #[test]
    fn every_prefecture_has_its_own_tile_on_the_grid() {
        let tiles: std::collections::BTreeSet<(u8, u8)> = TILES.iter().copied().collect();
        assert_eq!(tiles.len(), 47);
        assert!(TILES.iter().all(|&(c, r)| c < 13 && r < 10));
        // Tokyo sits between Saitama above and Kanagawa below; Okinawa at the bottom left.
        let at = |name: &str| TILES[PREFECTURES.iter().position(|(p, _)| *p == name).unwrap()];
        assert_eq!(at("東京都"), (11, 6));
        assert_eq!(at("神奈川県"), (11, 7));
        assert_eq!(at("沖縄県"), (0, 9));
        assert_eq!(prefecture_short(0).ja, "北海道");
        assert_eq!(prefecture_short(12).ja, "東京");
        assert_eq!(prefecture_short(25).ja, "京都");
        assert_eq!(prefecture_short(46).en, "Okinawa");
    }

    #[test]
    fn prefectures_read_in_english_and_unknown_names_as_written() {
        assert_eq!(prefecture_label("東京都").en, "Tokyo");
        assert_eq!(prefecture_label("沖縄県").en, "Okinawa");
        assert_eq!(prefecture_label("北海道").ja, "北海道");
        let english: std::collections::BTreeSet<_> = PREFECTURES
            .iter()
            .map(|(p, _)| prefecture_label(p).en)
            .collect();
        assert_eq!(
            english.len(),
            47,
            "every prefecture has its own English name"
        );
        assert_eq!(prefecture_label("ニューヨーク").en, "ニューヨーク");
    }

    #[test]
    fn operator_types_round_trip() {
        for t in OperatorType::ALL {
            assert_eq!(OperatorType::from_key(t.key()), Some(t));
            assert_eq!(OperatorType::from_ja(&t.label().ja), Some(t));
        }
    }
}
