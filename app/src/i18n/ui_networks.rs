//! The strings of staff's care of networks (`/staff/networks`) and of a removed network's page.

use super::Label;

pub static NAV_NETWORKS: Label = Label::new("連携の管理", "Networks");
pub static TITLE: Label = Label::new("地域医療連携の管理", "Care of networks");
pub static HELP: Label = Label::new(
    "回答者が登録した連携は、事務局が確認するまでここに表示されます。同じ都道府県に名称の似た連携があれば「重複の可能性」に表示します（全角・半角、カタカナ・ひらがな、大文字・小文字、空白・記号の違いは区別しません）。",
    "Networks respondents register wait here until staff check them. Networks of the same prefecture with a similar name are listed as possible duplicates (width, katakana and hiragana, case, spaces and punctuation are ignored).",
);

pub static QUEUE_TITLE: Label = Label::new("確認待ちの連携", "Networks to check");
pub static QUEUE_NONE: Label = Label::new(
    "確認待ちの連携はありません。",
    "No network is waiting to be checked.",
);
pub static NAME: Label = Label::new("名称", "Name");
pub static OPERATOR: Label = Label::new("代表団体区分", "Operator type");
pub static OPERATOR_NONE: Label = Label::new("未分類", "Not classified");
pub static REGISTERED_BY: Label = Label::new("登録者", "Registered by");
pub static REGISTERED_ON: Label = Label::new("登録日", "Registered");
pub static STAFF_OR_IMPORT: Label = Label::new("事務局・取り込み", "Staff or import");
pub static ANSWERED: Label = Label::new("回答年度", "Answered");
pub static DUPLICATES: Label = Label::new("重複の可能性", "Possible duplicates");
pub static NO_DUPLICATES: Label = Label::new("なし", "None");
pub static STATE: Label = Label::new("状態", "State");
pub static ACTIONS: Label = Label::new("操作", "Actions");

pub static LISTED: Label = Label::new("掲載中", "Listed");
pub static TO_CHECK: Label = Label::new("確認待ち", "To check");
pub static REMOVED: Label = Label::new("削除済み", "Removed");
pub static MERGED_INTO: Label = Label::new("統合済み：統合先 ", "Merged into ");

pub static MARK_CHECKED: Label = Label::new("確認済みにする", "Mark as checked");
pub static CORRECT: Label = Label::new("訂正する", "Correct");
pub static MERGE_INTO_THIS: Label = Label::new("この連携に統合…", "Merge into this…");
pub static MERGE_INTO: Label = Label::new("統合先", "Merge into");
pub static MERGE: Label = Label::new("統合…", "Merge…");
pub static CHOOSE: Label = Label::new("選択してください", "Choose");
pub static REMOVE: Label = Label::new("削除…", "Remove…");

pub static CONFIRM_MERGE_TITLE: Label = Label::new("統合の確認", "Confirm the merge");
pub static CONFIRM_MERGE_KEEP: Label = Label::new("残す連携", "Network kept");
pub static CONFIRM_MERGE_FROM: Label =
    Label::new("統合して削除する連携", "Network merged and removed");
pub static CONFIRM_MERGE_HELP: Label = Label::new(
    "統合される連携の回答と調査依頼は、残す連携に同じ年度のものがない場合に移ります（両方にある年度は、残す連携の回答を使い、もう一方は統合された連携に記録として残します）。回答者IDは、残す連携に回答者IDがない場合に移ります。統合された連携は公開一覧から消え、そのページは残す連携を案内します。",
    "The merged network's responses and requests move for the years the kept network has none (where both have one, the kept network's stays and the other remains, as a record, with the merged network). Its respondent accounts move when the kept network has none. The merged network leaves the public lists and its page points to the kept one.",
);
pub static NOTE: Label = Label::new(
    "メモ（任意、500文字以内）",
    "Note (optional, 500 characters at most)",
);
pub static CONFIRM_MERGE: Label = Label::new("統合する", "Merge");
pub static CONFIRM_REMOVE_TITLE: Label = Label::new("削除の確認", "Confirm the removal");
pub static CONFIRM_REMOVE_HELP: Label = Label::new(
    "削除した連携は公開一覧・グラフ・確認待ちから消え、そのページは削除された旨を表示します。回答などの記録は残ります。",
    "A removed network leaves the public lists, the charts and the queue; its page says it was removed. Its records are kept.",
);
pub static REASON: Label = Label::new(
    "削除の理由（必須、500文字以内）",
    "Reason (required, 500 characters at most)",
);
pub static CONFIRM_REMOVE: Label = Label::new("削除する", "Remove");

pub static DONE_CHECKED: Label = Label::new("確認済みにしました。", "Marked as checked.");
pub static DONE_CORRECTED: Label = Label::new("訂正しました。", "Corrected.");
pub static DONE_REMOVED: Label = Label::new("削除しました。", "Removed.");
pub static DONE_MERGED: Label = Label::new("統合しました：", "Merged: ");
pub static KEPT_APART: Label = Label::new(
    "両方に回答があったため、統合された連携に残した回答の年度：",
    "Both had a response in these years; the merged network's stays with it: ",
);
pub static RESPONDENTS_KEPT: Label = Label::new(
    "残す連携に回答者IDがあるため、統合された連携の回答者IDは移していません。",
    "The kept network has its own respondent accounts, so the merged network's were not moved.",
);

pub static SEARCH_TITLE: Label = Label::new("連携の検索", "Search networks");
pub static SEARCH_NONE: Label = Label::new("該当する連携はありません。", "No network matches.");
pub static SEARCH_HINT: Label = Label::new(
    "名称・略称または都道府県で検索してください（削除済みの連携も表示します）。",
    "Search by name, nickname or prefecture (removed networks are shown too).",
);
pub static SEARCH_MORE: Label = Label::new(
    "表示は最初の100件までです。条件を絞ってください。",
    "Only the first 100 are shown; narrow the search.",
);
pub static PUBLIC_PAGE: Label = Label::new("公開ページ", "Public page");

// Refusals.
pub static ALREADY_REMOVED: Label = Label::new(
    "その連携はすでに削除（統合）されています。",
    "That network was already removed (or merged).",
);
pub static INTO_ITSELF: Label = Label::new(
    "連携を自分自身に統合することはできません。",
    "A network cannot be merged into itself.",
);
pub static INTO_REMOVED: Label = Label::new(
    "統合先の連携は削除されています。削除されていない連携を選んでください。",
    "The network to keep was removed; choose a network that is still listed.",
);
pub static NEED_REASON: Label = Label::new(
    "削除の理由を入力してください（500文字以内）。",
    "Enter the reason for the removal (500 characters at most).",
);
pub static NOTE_TOO_LONG: Label = Label::new(
    "メモは500文字以内で入力してください。",
    "The note is 500 characters at most.",
);
pub static BAD_PREFECTURE: Label =
    Label::new("都道府県を選択してください。", "Choose a prefecture.");
pub static BAD_OPERATOR: Label = Label::new(
    "代表団体区分を選択してください。",
    "Choose an operator type.",
);

// The public page of a removed network (410).
pub static GONE_TITLE: Label = Label::new(
    "この地域医療連携は削除されました",
    "This network was removed",
);
pub static GONE_BODY: Label = Label::new(
    "この連携の情報は、事務局により公開一覧から削除されました。",
    "The survey office removed this network from the public lists.",
);
pub static GONE_MERGED: Label = Label::new(
    "重複していたため、次の連携に統合されました：",
    "It was a duplicate and was merged into: ",
);

// A network's notes and contact log, on staff's edit page.
pub static NOTES_TITLE: Label = Label::new("事務局メモ・連絡記録", "Staff notes and contacts");
pub static NOTES_HELP: Label = Label::new(
    "事務局だけが見られます。回答者や一般の閲覧者には表示されません。",
    "Only staff see these; respondents and the public never do.",
);
pub static NOTES_NONE: Label = Label::new("記録はまだありません。", "Nothing noted yet.");
pub static NOTE_AT: Label = Label::new("日時", "When");
pub static NOTE_BY: Label = Label::new("記録者", "By");
pub static NOTE_BY_IMPORT: Label = Label::new("取り込み", "Import");
pub static NOTE_CHANNEL: Label = Label::new("方法", "How");
pub static NOTE_TEXT: Label = Label::new("内容", "What");
pub static NOTE_ADD: Label = Label::new("記録する", "Add to the log");
pub static NOTE_BAD_CHANNEL: Label = Label::new(
    "連絡方法を選んでください。",
    "Choose how the contact happened.",
);
