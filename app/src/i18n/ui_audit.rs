//! The audit log page's own strings (the log's words are `survey::audit`'s).

use super::Label;

pub static AUDIT_NETWORK: Label = Label::new("ネットワーク名", "Network name");
pub static AUDIT_CSV: Label = Label::new(
    "この条件の操作履歴をCSVで出力",
    "Download these entries as CSV",
);
pub static AUDIT_CHANGES: Label = Label::new("変更した項目", "Fields changed");
