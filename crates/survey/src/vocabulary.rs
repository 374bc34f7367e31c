//! The words answers are shown in wherever the questionnaire's own choice labels do not
//! apply: fees and yes/no cells (a start status is in its edition's words, `StartWords`).

use crate::i18n::Label;

pub static FEE_FREE: Label = Label::new("無料", "Free");
pub static FEE_PAID: Label = Label::new("有料", "Paid");
pub static FEE_UNDECIDED: Label = Label::new("未定", "Undecided");
pub static CELL_YES: Label = Label::new("はい", "Yes");
pub static CELL_NO: Label = Label::new("いいえ", "No");
