//! The one error type of every server function, mapped to an HTTP status.
//! Internal details are logged on the server and never sent to the browser.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use survey::i18n::Label;

#[derive(Debug, Clone, thiserror::Error, Serialize, Deserialize)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    /// Staff removed the network (410); `kept` is the network it was merged into, if any.
    #[error("removed")]
    Gone { kept: Option<(i64, String)> },
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("wrong login or password")]
    BadCredentials,
    #[error("too many attempts; retry in {minutes} min")]
    TooManyAttempts { minutes: i64 },
    #[error("internal error")]
    Internal,
    /// Someone saved a newer version first; nothing was written.
    #[error("stale version; the current version is {current}")]
    Conflict { current: i64 },
    /// Another decision was taken on this version of a response already.
    #[error("already decided")]
    AlreadyDecided,
    /// The answers break the questionnaire's rules; nothing was written.
    #[error("invalid answers")]
    Invalid(Vec<survey::validate::Issue>),
    /// A request the server cannot take as asked (e.g. a chart filter), with why.
    #[error("bad request")]
    BadRequest(Label),
    #[error(transparent)]
    ServerFn(ServerFnErrorErr),
}

impl ApiError {
    /// What to tell the person, in their language.
    pub fn message(&self) -> Label {
        match self {
            ApiError::NotFound => Label::new("見つかりませんでした。", "Not found."),
            ApiError::Gone { .. } => Label::new(
                "この地域医療連携は削除されました。",
                "This network was removed.",
            ),
            ApiError::Unauthorized => Label::new("ログインしてください。", "Please sign in."),
            ApiError::Forbidden => Label::new("このページを見る権限がありません。", "You are not allowed to see this."),
            ApiError::BadCredentials => Label::new("IDまたはパスワードが正しくありません。", "Wrong ID or password."),
            ApiError::TooManyAttempts { minutes } => Label {
                ja: format!("ログインの試行が多すぎます。{minutes}分後にもう一度お試しください。").into(),
                en: format!("Too many sign-in attempts. Please try again in {minutes} min.").into(),
            },
            ApiError::Conflict { .. } => Label::new(
                "この回答は別の画面または担当者によって更新されています。最新の内容を読み込んでから、もう一度入力してください。",
                "These answers were changed elsewhere in the meantime. Load the newest version, then enter your changes again.",
            ),
            ApiError::AlreadyDecided => Label::new(
                "この版の回答はすでに判定されています（別の担当者または別の画面で）。ページを再読み込みして、現在の状態を確認してください。",
                "This version was already decided on (by someone else or in another tab). Reload the page to see where it stands.",
            ),
            ApiError::Invalid(_) => Label::new(
                "入力内容に誤りがあります。各項目のメッセージを確認してください。保存されていません。",
                "Some answers need attention; see the messages next to them. Nothing was saved.",
            ),
            ApiError::Internal => Label::new(
                "サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。",
                "Something went wrong on the server. Please try again shortly.",
            ),
            ApiError::BadRequest(why) => why.clone(),
            ApiError::ServerFn(_) => Label::new(
                "サーバーと通信できませんでした。接続を確認してください。",
                "Could not reach the server. Please check your connection.",
            ),
        }
    }
}

impl ApiError {
    pub fn status(&self) -> http::StatusCode {
        match self {
            ApiError::NotFound => http::StatusCode::NOT_FOUND,
            ApiError::Gone { .. } => http::StatusCode::GONE,
            ApiError::Unauthorized | ApiError::BadCredentials => http::StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => http::StatusCode::FORBIDDEN,
            ApiError::TooManyAttempts { .. } => http::StatusCode::TOO_MANY_REQUESTS,
            ApiError::Conflict { .. } | ApiError::AlreadyDecided => http::StatusCode::CONFLICT,
            ApiError::Invalid(_) => http::StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest(_) => http::StatusCode::BAD_REQUEST,
            ApiError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::ServerFn(ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_)) => {
                http::StatusCode::BAD_REQUEST
            }
            ApiError::ServerFn(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<store::Error> for ApiError {
    fn from(e: store::Error) -> Self {
        match e {
            store::Error::NotFound => ApiError::NotFound,
            store::Error::BadRequest(why) => ApiError::BadRequest(why),
            store::Error::Database(e) => e.into(),
            store::Error::Background => {
                tracing::error!("background computation failed");
                ApiError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        ApiError::Internal
    }
}
