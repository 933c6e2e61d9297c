//! Number formatting for tick labels, value labels and annotations.

/// Decimals needed to tell ticks `step` apart.
fn decimals_for_step(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 2;
    }
    (-(step.log10().floor())).clamp(0.0, 6.0) as usize
}

/// Format with at most `decimals` decimals, trimming trailing zeros,
/// grouping thousands and never printing "-0".
fn fixed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let mut s = format!("{v:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    group_thousands(&s)
}

/// Insert thousands separators into the integer part when it has 5+ digits.
fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if int.len() < 5 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}{frac}")
}

/// Tick label for a value on an axis spanning `span` with about `ticks` ticks.
pub(crate) fn tick(v: f64, span: f64, ticks: usize) -> String {
    fixed(v, decimals_for_step(span / ticks.max(1) as f64))
}

/// Percent tick label ("40%") for a fraction on an axis spanning `span`.
pub(crate) fn pct_tick(v: f64, span: f64, ticks: usize) -> String {
    format!("{}%", tick(v * 100.0, span * 100.0, ticks))
}

/// A value with about three significant digits ("0.0123", "12.3", "1,234").
pub(crate) fn value(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    if !(1e-4..1e9).contains(&a) {
        return format!("{v:.2e}");
    }
    let magnitude = a.log10().floor() as i32;
    let decimals = (2 - magnitude).clamp(0, 6) as usize;
    fixed(v, decimals)
}

/// A fraction as a percentage ("42.1%", "0.35%", "100%").
pub(crate) fn pct(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let p = v * 100.0;
    let decimals = if p.abs() >= 1.0 || p == 0.0 { 1 } else { 2 };
    let s = format!("{p:.decimals$}");
    format!(
        "{}%",
        if s.trim_start_matches('-')
            .trim_matches(|c| c == '0' || c == '.')
            .is_empty()
        {
            "0.0"
        } else {
            &s
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers() {
        assert_eq!(tick(0.2, 1.0, 10), "0.2");
        assert_eq!(tick(-0.0, 1.0, 10), "0");
        assert_eq!(tick(25000.0, 100000.0, 5), "25,000");
        assert_eq!(pct_tick(0.4, 1.0, 5), "40%");
        assert_eq!(value(12.345), "12.3");
        assert_eq!(value(0.012345), "0.0123");
        assert_eq!(value(123456.0), "123,456");
        assert_eq!(value(f64::NAN), "n/a");
        assert_eq!(pct(0.4213), "42.1%");
        assert_eq!(pct(1.0), "100.0%");
        assert_eq!(pct(-0.0), "0.0%");
        assert_eq!(pct(0.0035), "0.35%");
    }
}
