//! Format checks for the text kinds: URL, e-mail, postal code and phone number.

use crate::i18n::Label;

/// `http://` or `https://` and a host name with a dot: what a `Url` item accepts.
pub fn is_url(s: &str) -> bool {
    let lower_prefix = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let rest = if lower_prefix("https://") {
        &s[8..]
    } else if lower_prefix("http://") {
        &s[7..]
    } else {
        return false;
    };
    if rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    // An optional numeric port.
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return false,
        None => authority,
    };
    host.contains('.') && is_domain(host)
}

/// Dot-separated labels of letters, digits and inner hyphens (any script).
fn is_domain(s: &str) -> bool {
    s.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    })
}

pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "@<>()[]\\,;:\"".contains(c));
    let tld = domain.rsplit('.').next().unwrap_or("");
    local_ok
        && domain.contains('.')
        && is_domain(domain)
        && tld.chars().count() >= 2
        && !tld.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn is_postal(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8
        && b[3] == b'-'
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_digit)
}

pub(super) fn phone_error(s: &str) -> Option<Label> {
    if !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Some(Label::new(
            "電話番号は半角の数字とハイフンで入力してください（例: 03-1234-5678）。",
            "Enter the number with digits and hyphens only, e.g. 03-1234-5678.",
        ));
    }
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    (!(9..=13).contains(&digits)).then(|| {
        Label::new(
            "電話番号の桁数が正しくありません（市外局番から入力してください）。",
            "The number has too few or too many digits; include the area code.",
        )
    })
}
