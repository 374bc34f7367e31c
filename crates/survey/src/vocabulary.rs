//! The words answers are shown in wherever the questionnaire's own choice labels do not
//! apply: fees, the start status, yes/no cells.

use crate::i18n::Label;

pub static FEE_FREE: Label = Label::new("無料", "Free");
pub static FEE_PAID: Label = Label::new("有料", "Paid");
pub static FEE_UNDECIDED: Label = Label::new("未定", "Undecided");
pub static STARTED: Label = Label::new("サービス開始済み", "In service");
pub static START_PLANNED: Label = Label::new(
    "Ｈ２５年度末までにサービス開始予定",
    "Starting by March 2014",
);
pub static START_STATUS_STARTED: Label = Label::new(
    "回答するシステムは、サービス開始済みである。",
    "The system is already in service.",
);
pub static START_STATUS_PLANNED: Label = Label::new(
    "回答するシステムは、Ｈ２５年度末までにサービス開始予定である。",
    "The system will start service by the end of March 2014.",
);
pub static CELL_YES: Label = Label::new("はい", "Yes");
pub static CELL_NO: Label = Label::new("いいえ", "No");
