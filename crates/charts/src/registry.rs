//! Every figure of the report's chapter 2, as data: its number (also its open-data address),
//! titles, how it is drawn and what it measures.

use super::{ChartKind, Unit};
use survey::i18n::Label;

/// The categories a chart breaks its networks into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    Region,
    Operator,
    /// Cumulative by start year: a network counts from its start year on.
    StartYear,
    /// With a common patient ID system (in progress or planned) / without one.
    CommonId,
}

/// A cost of section I (thousand yen), the running system's figure, else the planned one's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Construction,
    Operating,
    Maintenance,
}

impl Cost {
    pub fn item(self) -> &'static str {
        match self {
            Cost::Construction => "construction",
            Cost::Operating => "operating",
            Cost::Maintenance => "maintenance",
        }
    }
}

/// Questionnaire groups, as `(section, group)`.
pub type Groups = &'static [(&'static str, &'static str)];

/// How a chart's numbers are computed (see `aggregate.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// Networks per category: public directory facts, never hidden.
    Networks(Breakdown),
    /// 図2.2-3: networks per region, one series per operator type.
    NetworksByRegionAndOperator,
    /// 図2.1-1: networks by start year, cumulative, started vs planned.
    NetworksByStartYear,
    /// 図2.1-2: public URL given or not.
    UrlGiven,
    /// The tri-state items (and checkboxes) of some groups: in progress and planned, stacked.
    Items(Groups),
    /// The same items per category of a breakdown: one series per item, networks with the
    /// item in progress or planned (予定含む).
    ItemsBy(Groups, Breakdown),
    /// 図2.3-1: participating facilities per type, in progress and planned, stacked.
    Facilities,
    /// Participating facilities (予定含む) per category, one series per facility type.
    FacilitiesBy(Breakdown),
    /// 図2.8-1: average monthly fee per payer, free entries excluded (予定含む).
    FeeMeans,
    /// 図2.8-3/4: one payer's average monthly fee per category.
    FeeMeansBy(&'static str, Breakdown),
    /// 図2.8-2: networks where the service is free, per payer.
    FreeFees,
    /// 図2.9-1: construction costs in buckets, with total, mean, median and mode.
    CostDistribution,
    /// Average of a cost per category.
    CostMeans(Cost, Breakdown),
    /// 図2.9-6: average operating cost and its maintenance part.
    OperatingMeans,
    /// 図2.9-4: construction costs summed, cumulative by start year.
    CostByStartYear,
    /// 図2.10-1/2: who bears a cost (section J item key within its group).
    Bearers(&'static str),
    /// Share of networks that publish a section.
    Disclosure(&'static str),
    /// 図2.7: networks per IT company, from published answers only.
    Companies,
}

#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// The report's figure number, also the open-data address (`/charts/2.2-1.csv`).
    pub id: &'static str,
    pub title: Label,
    pub category_title: Label,
    pub kind: ChartKind,
    pub unit: Unit,
    pub aggregation: Aggregation,
    pub note: Option<Label>,
}

const ITEM: Label = Label::new("項目", "Item");
const REGION: Label = Label::new("地方区分", "Region");
const OPERATOR: Label = Label::new("運営主体", "Operator type");
const YEAR: Label = Label::new("開始年", "Start year");
const COMMON_ID: Label = Label::new("地域共通ID", "Common patient ID");
const PAYER: Label = Label::new("施設の種類", "Payer");
const FACILITY: Label = Label::new("施設の種類", "Facility type");
const SECTION: Label = Label::new("回答内容", "Answers");
const FREE_EXCLUDED: Label = Label::new(
    "無料地域除く。予定含む。",
    "Free entries excluded; planned included.",
);
const PLANNED_INCLUDED: Label = Label::new("予定含む。", "Planned included.");
const MULTIPLE: Label = Label::new("複数回答あり。", "Multiple answers allowed.");

fn chart(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    category_title: Label,
    kind: ChartKind,
    unit: Unit,
    aggregation: Aggregation,
) -> ChartSpec {
    ChartSpec {
        id,
        title: Label::new(ja, en),
        category_title,
        kind,
        unit,
        aggregation,
        note: None,
    }
}

fn noted(mut spec: ChartSpec, note: Label) -> ChartSpec {
    spec.note = Some(note);
    spec
}

fn items(id: &'static str, ja: &'static str, en: &'static str, groups: Groups) -> ChartSpec {
    noted(
        chart(
            id,
            ja,
            en,
            ITEM,
            ChartKind::Stacked,
            Unit::Networks,
            Aggregation::Items(groups),
        ),
        MULTIPLE,
    )
}

fn items_by(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    groups: Groups,
    by: Breakdown,
) -> ChartSpec {
    let (category, kind) = breakdown_axis(by);
    noted(
        chart(
            id,
            ja,
            en,
            category,
            kind,
            Unit::Networks,
            Aggregation::ItemsBy(groups, by),
        ),
        PLANNED_INCLUDED,
    )
}

fn breakdown_axis(by: Breakdown) -> (Label, ChartKind) {
    match by {
        Breakdown::Region => (REGION, ChartKind::Grouped),
        Breakdown::Operator => (OPERATOR, ChartKind::Grouped),
        Breakdown::StartYear => (YEAR, ChartKind::Line),
        Breakdown::CommonId => (COMMON_ID, ChartKind::Grouped),
    }
}

fn cost_means(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    cost: Cost,
    by: Breakdown,
) -> ChartSpec {
    noted(
        chart(
            id,
            ja,
            en,
            breakdown_axis(by).0,
            ChartKind::Grouped,
            Unit::KiloYen,
            Aggregation::CostMeans(cost, by),
        ),
        PLANNED_INCLUDED,
    )
}

fn disclosure(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    section: &'static str,
) -> ChartSpec {
    chart(
        id,
        ja,
        en,
        SECTION,
        ChartKind::Grouped,
        Unit::Networks,
        Aggregation::Disclosure(section),
    )
}

const LINKAGE: Groups = &[("system", "linkage")];
const SHARING: Groups = &[("system", "sharing")];
const DATA_LOCATION: Groups = &[("system", "data_location")];

/// Every chart, in the report's order.
pub fn registry() -> Vec<ChartSpec> {
    use Aggregation as A;
    use Breakdown as B;
    use ChartKind as K;
    vec![
        noted(
            chart(
                "2.1-1",
                "図2.1-1 全国地域医療連携数の推移",
                "Fig. 2.1-1 Networks over time",
                YEAR,
                K::Stacked,
                Unit::Networks,
                A::NetworksByStartYear,
            ),
            Label::new("開始年による累積。", "Cumulative by start year."),
        ),
        chart(
            "2.1-2",
            "図2.1-2 公開URLの有無",
            "Fig. 2.1-2 Public URL given",
            ITEM,
            K::Grouped,
            Unit::Networks,
            A::UrlGiven,
        ),
        chart(
            "2.2-1",
            "図2.2-1 地方区分別の地域医療連携数",
            "Fig. 2.2-1 Networks by region",
            REGION,
            K::Grouped,
            Unit::Networks,
            A::Networks(B::Region),
        ),
        chart(
            "2.2-2",
            "図2.2-2 運営主体別の地域医療連携数",
            "Fig. 2.2-2 Networks by operator type",
            OPERATOR,
            K::Grouped,
            Unit::Networks,
            A::Networks(B::Operator),
        ),
        chart(
            "2.2-3",
            "図2.2-3 地方区分別・運営主体別の地域医療連携数",
            "Fig. 2.2-3 Networks by region and operator type",
            REGION,
            K::Stacked,
            Unit::Networks,
            A::NetworksByRegionAndOperator,
        ),
        chart(
            "2.3-1",
            "図2.3-1 参加施設数",
            "Fig. 2.3-1 Participating facilities",
            FACILITY,
            K::Stacked,
            Unit::Facilities,
            A::Facilities,
        ),
        chart(
            "2.3-2",
            "図2.3-2 地域医療連携参加施設数の推移",
            "Fig. 2.3-2 Participating facilities over time",
            YEAR,
            K::Line,
            Unit::Facilities,
            A::FacilitiesBy(B::StartYear),
        ),
        chart(
            "2.3-3",
            "図2.3-3 地方区分別地域医療連携参加施設数",
            "Fig. 2.3-3 Participating facilities by region",
            REGION,
            K::Stacked,
            Unit::Facilities,
            A::FacilitiesBy(B::Region),
        ),
        chart(
            "2.3-4",
            "図2.3-4 運営主体別地域医療連携参加施設数",
            "Fig. 2.3-4 Participating facilities by operator type",
            OPERATOR,
            K::Stacked,
            Unit::Facilities,
            A::FacilitiesBy(B::Operator),
        ),
        items(
            "2.4-1",
            "図2.4-1 参加の同意方法（医療機関等）",
            "Fig. 2.4-1 Consent: medical institutions",
            &[("consent", "institutions")],
        ),
        items(
            "2.4-2",
            "図2.4-2 参加の同意方法（介護施設、その他）",
            "Fig. 2.4-2 Consent: care and other facilities",
            &[("consent", "care")],
        ),
        items(
            "2.4-3",
            "図2.4-3 参加の同意方法（患者さん）",
            "Fig. 2.4-3 Consent: patients",
            &[("consent", "patients")],
        ),
        items(
            "2.5-1",
            "図2.5-1 連携している疾病",
            "Fig. 2.5-1 Linked diseases",
            &[("services", "diseases")],
        ),
        items(
            "2.5-2",
            "図2.5-2 提供しているサービス",
            "Fig. 2.5-2 Services provided",
            &[("services", "provided"), ("services", "patient")],
        ),
        items("2.6-1", "図2.6-1 連携方式", "Fig. 2.6-1 Linkage", LINKAGE),
        items_by(
            "2.6-2",
            "図2.6-2 運営主体別情報連携の方式",
            "Fig. 2.6-2 Linkage by operator type",
            LINKAGE,
            B::Operator,
        ),
        items_by(
            "2.6-3",
            "図2.6-3 連携方式の推移",
            "Fig. 2.6-3 Linkage over time",
            LINKAGE,
            B::StartYear,
        ),
        items(
            "2.6-4",
            "図2.6-4 情報共有の形態",
            "Fig. 2.6-4 Form of sharing",
            SHARING,
        ),
        items_by(
            "2.6-5",
            "図2.6-5 情報共有の形態の推移",
            "Fig. 2.6-5 Form of sharing over time",
            SHARING,
            B::StartYear,
        ),
        items(
            "2.6-6",
            "図2.6-6 地域共通IDの利用",
            "Fig. 2.6-6 Common patient ID",
            &[("system", "patient_id")],
        ),
        items(
            "2.6-7",
            "図2.6-7 連携用情報/データの主な保存場所",
            "Fig. 2.6-7 Where the shared data is kept",
            DATA_LOCATION,
        ),
        items_by(
            "2.6-8",
            "図2.6-8 データ保存場所の推移",
            "Fig. 2.6-8 Where the data is kept, over time",
            DATA_LOCATION,
            B::StartYear,
        ),
        items(
            "2.6-9",
            "図2.6-9 厚生労働省標準規格の採用",
            "Fig. 2.6-9 MHLW standards adopted",
            &[("system", "standards")],
        ),
        items(
            "2.6-10",
            "図2.6-10 通信ネットワーク（医療機関等との通信）",
            "Fig. 2.6-10 Network: with institutions",
            &[("system", "network_institutions")],
        ),
        items(
            "2.6-11",
            "図2.6-11 通信ネットワーク（介護施設・その他施設との通信）",
            "Fig. 2.6-11 Network: with care facilities",
            &[("system", "network_care")],
        ),
        items(
            "2.6-12",
            "図2.6-12 通信ネットワーク（患者さんとの通信）",
            "Fig. 2.6-12 Network: with patients",
            &[("system", "network_patients")],
        ),
        items(
            "2.6-13",
            "図2.6-13 ログインセキュリティ（医療機関・薬局用）",
            "Fig. 2.6-13 Login: institutions",
            &[("system", "login_institutions")],
        ),
        items(
            "2.6-14",
            "図2.6-14 ログインセキュリティ（介護施設・その他施設用）",
            "Fig. 2.6-14 Login: care facilities",
            &[("system", "login_care")],
        ),
        items(
            "2.6-15",
            "図2.6-15 ログインセキュリティ（患者さん用）",
            "Fig. 2.6-15 Login: patients",
            &[("system", "login_patients")],
        ),
        noted(
            chart(
                "2.7",
                "表2.7 主な関連IT企業",
                "Table 2.7 Main IT companies",
                Label::new("企業名", "Company"),
                K::Grouped,
                Unit::Networks,
                A::Companies,
            ),
            Label::new(
                "回答を公開している地域医療連携のみ。",
                "Only networks that publish their answers.",
            ),
        ),
        noted(
            chart(
                "2.8-1",
                "図2.8-1 サービス利用・参加料金の平均額",
                "Fig. 2.8-1 Average monthly fee",
                PAYER,
                K::Grouped,
                Unit::Yen,
                A::FeeMeans,
            ),
            FREE_EXCLUDED,
        ),
        noted(
            chart(
                "2.8-2",
                "図2.8-2 サービス利用・参加料金が無料の地域医療連携数",
                "Fig. 2.8-2 Networks where the service is free",
                PAYER,
                K::Grouped,
                Unit::Networks,
                A::FreeFees,
            ),
            PLANNED_INCLUDED,
        ),
        noted(
            chart(
                "2.8-3",
                "図2.8-3 運営主体別の病院の平均料金",
                "Fig. 2.8-3 Hospitals' average fee by operator type",
                OPERATOR,
                K::Grouped,
                Unit::Yen,
                A::FeeMeansBy("hospital", B::Operator),
            ),
            FREE_EXCLUDED,
        ),
        noted(
            chart(
                "2.8-4",
                "図2.8-4 運営主体別の診療所の平均料金",
                "Fig. 2.8-4 Clinics' average fee by operator type",
                OPERATOR,
                K::Grouped,
                Unit::Yen,
                A::FeeMeansBy("clinic", B::Operator),
            ),
            FREE_EXCLUDED,
        ),
        noted(
            chart(
                "2.9-1",
                "図2.9-1 システム構築費用概算",
                "Fig. 2.9-1 Construction cost",
                Label::new("構築費用", "Construction cost"),
                K::Grouped,
                Unit::Networks,
                A::CostDistribution,
            ),
            PLANNED_INCLUDED,
        ),
        cost_means(
            "2.9-2",
            "図2.9-2 地方区分別システム構築費用の平均額",
            "Fig. 2.9-2 Average construction cost by region",
            Cost::Construction,
            B::Region,
        ),
        cost_means(
            "2.9-3",
            "図2.9-3 運営主体別システム構築費用の平均額",
            "Fig. 2.9-3 Average construction cost by operator type",
            Cost::Construction,
            B::Operator,
        ),
        noted(
            chart(
                "2.9-4",
                "図2.9-4 システム構築費用（累積額）の推移",
                "Fig. 2.9-4 Construction cost over time (cumulative)",
                YEAR,
                K::Line,
                Unit::KiloYen,
                A::CostByStartYear,
            ),
            PLANNED_INCLUDED,
        ),
        cost_means(
            "2.9-5",
            "図2.9-5 地域共通IDの有無とシステム構築費用",
            "Fig. 2.9-5 Construction cost with and without a common ID",
            Cost::Construction,
            B::CommonId,
        ),
        noted(
            chart(
                "2.9-6",
                "図2.9-6 システム運用費用概算平均額",
                "Fig. 2.9-6 Average operating cost",
                Label::new("費用", "Cost"),
                K::Grouped,
                Unit::KiloYen,
                A::OperatingMeans,
            ),
            PLANNED_INCLUDED,
        ),
        cost_means(
            "2.9-7",
            "図2.9-7 地方区分別システム運用費用の平均額",
            "Fig. 2.9-7 Average operating cost by region",
            Cost::Operating,
            B::Region,
        ),
        cost_means(
            "2.9-8",
            "図2.9-8 運営主体別システム運用費用の平均額",
            "Fig. 2.9-8 Average operating cost by operator type",
            Cost::Operating,
            B::Operator,
        ),
        cost_means(
            "2.9-9",
            "図2.9-9 地域共通IDの有無とシステム運用費用",
            "Fig. 2.9-9 Operating cost with and without a common ID",
            Cost::Operating,
            B::CommonId,
        ),
        noted(
            chart(
                "2.10-1",
                "図2.10-1 システム構築費用の負担者",
                "Fig. 2.10-1 Who paid for construction",
                Label::new("負担者", "Bearer"),
                K::Grouped,
                Unit::Networks,
                A::Bearers("construction"),
            ),
            MULTIPLE,
        ),
        noted(
            chart(
                "2.10-2",
                "図2.10-2 システム運用費用の負担者",
                "Fig. 2.10-2 Who pays for operation",
                Label::new("負担者", "Bearer"),
                K::Grouped,
                Unit::Networks,
                A::Bearers("operation"),
            ),
            MULTIPLE,
        ),
        disclosure(
            "2.1-3",
            "図2.1-3「システムの概要」の公開・非公開",
            "Fig. 2.1-3 System overview: published or not",
            "overview",
        ),
        disclosure(
            "2.2-4",
            "図2.2-4「代表団体」の公開・非公開",
            "Fig. 2.2-4 Representative organisation: published or not",
            "org1",
        ),
        disclosure(
            "2.3-5",
            "図2.3-5「参加団体数」の公開・非公開",
            "Fig. 2.3-5 Participating facilities: published or not",
            "facilities",
        ),
        disclosure(
            "2.4-4",
            "図2.4-4「参加の同意方法」の公開・非公開",
            "Fig. 2.4-4 Consent: published or not",
            "consent",
        ),
        disclosure(
            "2.5-3",
            "図2.5-3「サービス」の公開・非公開",
            "Fig. 2.5-3 Services: published or not",
            "services",
        ),
        disclosure(
            "2.6-16",
            "図2.6-16「システム」の公開・非公開",
            "Fig. 2.6-16 System: published or not",
            "system",
        ),
        disclosure(
            "2.8-5",
            "図2.8-5「サービス利用・参加料金」の公開・非公開",
            "Fig. 2.8-5 Fees: published or not",
            "fees",
        ),
        disclosure(
            "2.9-10",
            "図2.9-10「予算関係」の公開・非公開",
            "Fig. 2.9-10 Budget: published or not",
            "budget",
        ),
        disclosure(
            "2.10-3",
            "図2.10-3「費用の負担」の公開・非公開",
            "Fig. 2.10-3 Cost bearers: published or not",
            "bearers",
        ),
    ]
}

pub fn spec(id: &str) -> Option<ChartSpec> {
    registry().into_iter().find(|s| s.id == id)
}
