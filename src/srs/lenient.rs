//! Forgiving field readers for numbers in files: a value that is missing, of the wrong
//! type, out of range or not finite becomes a safe default instead of an error or a panic.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn number(v: &Value) -> Option<f64> {
    v.as_i64()
        .map(|n| n as f64)
        .or_else(|| v.as_u64().map(|n| n as f64))
        .or_else(|| v.as_f64())
        .filter(|f| !f.is_nan())
}

/// Any JSON value as an `i64`: integers exactly, other numbers saturated, the rest `None`.
pub(crate) fn to_i64(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(n);
    }
    if v.as_u64().is_some() {
        return Some(i64::MAX);
    }
    // `as` saturates at the ends of the range.
    number(v).map(|f| f as i64)
}

/// A finite `f32`, or 0.
pub(crate) fn f32_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(number(&v)
        .map(|f| f as f32)
        .filter(|f| f.is_finite())
        .unwrap_or(0.0))
}

/// An `i64`, saturated, or 0.
pub(crate) fn i64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(to_i64(&Value::deserialize(d)?).unwrap_or(0))
}

/// An `i64`, saturated, or `None`.
pub(crate) fn i64_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(to_i64(&Value::deserialize(d)?))
}

/// A `u32`, clamped, or 0.
pub(crate) fn u32_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(to_i64(&v).map_or(0, |n| n.clamp(0, i64::from(u32::MAX)) as u32))
}

/// A `u8`, clamped, or 0.
pub(crate) fn u8_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(to_i64(&v).map_or(0, |n| n.clamp(0, i64::from(u8::MAX)) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "f32_or_zero")]
        f: f32,
        #[serde(deserialize_with = "i64_or_zero")]
        i: i64,
        #[serde(deserialize_with = "u32_or_zero")]
        u: u32,
        #[serde(deserialize_with = "u8_or_zero")]
        b: u8,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn odd_numbers_become_safe() {
        let x = t(r#"{"f": 1e300, "i": 1e300, "u": -7, "b": 1000}"#);
        assert_eq!((x.f, x.i, x.u, x.b), (0.0, i64::MAX, 0, 255));
        let x = t(r#"{"f": null, "i": "12", "u": 1e20, "b": 2.7}"#);
        assert_eq!((x.f, x.i, x.u, x.b), (0.0, 0, u32::MAX, 2));
        let x = t(r#"{"f": 2.5, "i": -1e300, "u": 3, "b": [1]}"#);
        assert_eq!((x.f, x.i, x.u, x.b), (2.5, i64::MIN, 3, 0));
        let x = t(r#"{"f": 1, "i": 18446744073709551615, "u": {}, "b": true}"#);
        assert_eq!((x.f, x.i, x.u, x.b), (1.0, i64::MAX, 0, 0));
    }
}
