//! Words that name a date relative to the edition's year, written once as templates:
//! 「Ｈ{heisei+1:wide}年度末まで」 is 「Ｈ２５年度末まで」 in 2012 and 「Ｈ２６年度末まで」 in 2013.
//!
//! A placeholder is `{year}` (the edition's year, 西暦) or `{heisei}` (its 平成 year, the year
//! − 1988), optionally plus or minus a whole number (`{year+2}`, `{heisei-1}`), optionally
//! followed by `:wide` for full-width digits (「２５」). `{{` and `}}` are literal braces.

/// The text with every placeholder replaced for `year`, or what is wrong with it.
pub fn expand(text: &str, year: i64) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let brace = &rest[at..];
        if let Some(after) = brace
            .strip_prefix("{{")
            .or_else(|| brace.strip_prefix("}}"))
        {
            out.push_str(&brace[..1]);
            rest = after;
            continue;
        }
        if brace.starts_with('}') {
            return Err("a } without its { (write }} for a brace)".into());
        }
        let Some(end) = brace.find('}') else {
            return Err(format!("{brace:?} has no closing }}"));
        };
        out.push_str(&placeholder(&brace[1..end], year)?);
        rest = &brace[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// One placeholder's value: `name[±n][:wide]`.
fn placeholder(spec: &str, year: i64) -> Result<String, String> {
    let bad = || {
        format!(
            "unknown placeholder {{{spec}}}: use {{year}} or {{heisei}}, with +n or -n and :wide"
        )
    };
    let (expression, wide) = match spec.split_once(':') {
        Some((e, "wide")) => (e, true),
        Some(_) => return Err(bad()),
        None => (spec, false),
    };
    let (name, offset) = match expression.find(['+', '-']) {
        Some(at) => {
            let digits = &expression[at + 1..];
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            let n: i64 = digits.parse().map_err(|_| bad())?;
            let sign = if expression[at..].starts_with('-') {
                -1
            } else {
                1
            };
            (&expression[..at], sign * n)
        }
        None => (expression, 0),
    };
    let base = match name.trim() {
        "year" => year,
        "heisei" => year - 1988,
        _ => return Err(bad()),
    };
    let value = (base + offset).to_string();
    Ok(if wide {
        value
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32('０' as u32 + d).unwrap_or(c),
                None => c,
            })
            .collect()
    } else {
        value
    })
}

#[cfg(test)]
mod tests {
    use super::expand;

    #[test]
    fn placeholders_name_the_editions_year() {
        assert_eq!(
            expand("Ｈ{heisei+1:wide}年度末まで", 2012).unwrap(),
            "Ｈ２５年度末まで"
        );
        assert_eq!(expand("by March {year+2}", 2012).unwrap(), "by March 2014");
        assert_eq!(
            expand("Ｈ{heisei+1:wide}年度末まで", 2013).unwrap(),
            "Ｈ２６年度末まで"
        );
        assert_eq!(
            expand("{year}年度（{year-1}）", 2014).unwrap(),
            "2014年度（2013）"
        );
        assert_eq!(expand("no placeholder", 2012).unwrap(), "no placeholder");
        assert_eq!(expand("{{literal}}", 2012).unwrap(), "{literal}");
    }

    #[test]
    fn a_bad_template_says_what_is_wrong() {
        for bad in [
            "{yaer}",
            "{year+}",
            "{year+x}",
            "{year:narrow}",
            "{year",
            "year}",
            "{}",
        ] {
            assert!(expand(bad, 2012).is_err(), "{bad}");
        }
        assert!(expand("{reiwa}", 2012).unwrap_err().contains("{reiwa}"));
    }
}
