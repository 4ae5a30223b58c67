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

/// A number as an `i64` (saturated at the ends of the range); anything else is an error.
pub(crate) fn i64_saturating<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let v = Value::deserialize(d)?;
    to_i64(&v).ok_or_else(|| serde::de::Error::custom(format!("expected a number, found {v}")))
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

/// A `u64`, clamped to `0..=u64::MAX`, or 0.
pub(crate) fn u64_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(v.as_u64()
        .or_else(|| number(&v).map(|f| f as u64))
        .unwrap_or(0))
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
        #[serde(deserialize_with = "u64_or_zero")]
        l: u64,
        #[serde(deserialize_with = "i64_saturating")]
        s: i64,
    }

    fn t(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn saturating_needs_a_number() {
        for bad in ["null", "\"7\"", "[]", "true"] {
            let json = format!(r#"{{"f":0,"i":0,"u":0,"b":0,"l":0,"s":{bad}}}"#);
            assert!(serde_json::from_str::<T>(&json).is_err(), "{bad}");
        }
    }

    #[test]
    fn odd_numbers_become_safe() {
        let x = t(r#"{"f": 1e300, "i": 1e300, "u": -7, "b": 1000, "l": -1, "s": 1e300}"#);
        assert_eq!(
            (x.f, x.i, x.u, x.b, x.l, x.s),
            (0.0, i64::MAX, 0, 255, 0, i64::MAX)
        );
        let x =
            t(r#"{"f": null, "i": "12", "u": 1e20, "b": 2.7, "l": 18446744073709551615, "s": -5}"#);
        assert_eq!(
            (x.f, x.i, x.u, x.b, x.l, x.s),
            (0.0, 0, u32::MAX, 2, u64::MAX, -5)
        );
        let x = t(r#"{"f": 2.5, "i": -1e300, "u": 3, "b": [1], "l": 5.9, "s": 2.5}"#);
        assert_eq!((x.f, x.i, x.u, x.b, x.l, x.s), (2.5, i64::MIN, 3, 0, 5, 2));
        let x = t(
            r#"{"f": 1, "i": 18446744073709551615, "u": {}, "b": true, "l": 7, "s": 18446744073709551615}"#,
        );
        assert_eq!(
            (x.f, x.i, x.u, x.b, x.l, x.s),
            (1.0, i64::MAX, 0, 0, 7, i64::MAX)
        );
    }
}
