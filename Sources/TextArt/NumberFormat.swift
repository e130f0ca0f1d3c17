/// Locale-independent number formatting without Foundation, so output is the
/// same on every machine.
enum NumberFormat {
  /// `value` with exactly `decimals` digits after the point: `fixed(0.2141, 3)`
  /// is `"0.214"`. Non-finite values print as `nan`, `inf` or `-inf`.
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let places = min(9, max(0, decimals))
    let scale = powerOfTen(places)
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return "\(value)" }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    let sign = value < 0 && units != 0 ? "-" : ""
    if places == 0 { return sign + String(whole) }
    let fraction = String(units % Int64(scale))
    let zeros = String(repeating: "0", count: places - fraction.count)
    return sign + String(whole) + "." + zeros + fraction
  }

  /// An integer with thousands separators: `31200` is `"31,200"`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  /// A fraction as a percentage: `percent(0.1234)` is `"12.3%"`. Values that
  /// are above zero but would round to zero print as `<0.1%`; `nan` as `--`.
  static func percent(_ fraction: Double, decimals: Int = 1) -> String {
    guard fraction.isFinite else { return "--" }
    let smallest = 0.5 / powerOfTen(decimals)
    if fraction > 0 && fraction * 100 < smallest {
      return "<" + fixed(1 / powerOfTen(decimals), decimals) + "%"
    }
    return fixed(fraction * 100, decimals) + "%"
  }

  /// A duration as `m:ss` or `h:mm:ss`; unknown or negative as `--:--`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "--:--" }
    let total = Int(seconds.rounded())
    let hours = total / 3600
    let minutes = (total % 3600) / 60
    let secs = total % 60
    let ss = secs < 10 ? "0\(secs)" : "\(secs)"
    if hours > 0 {
      let mm = minutes < 10 ? "0\(minutes)" : "\(minutes)"
      return "\(hours):\(mm):\(ss)"
    }
    return "\(minutes):\(ss)"
  }

  /// The sum of `values`, stuck at `Int.max` or `Int.min` instead of overflowing.
  static func saturatingSum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
    var total = 0
    for value in values {
      let (sum, overflow) = total.addingReportingOverflow(value)
      total = overflow ? (value > 0 ? Int.max : Int.min) : sum
    }
    return total
  }

  /// Number of decimal digits of a non-negative integer (`0` has one).
  static func digitCount(_ value: Int) -> Int {
    String(value.magnitude).count + (value < 0 ? 1 : 0)
  }

  /// 10 raised to `exponent`, exact for the small exponents used here.
  static func powerOfTen(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 {
      for _ in 0..<min(exponent, 308) { result *= 10 }
    } else {
      for _ in 0..<min(-exponent, 308) { result /= 10 }
    }
    return result
  }

  /// The exponent `k` with `10^k <= value < 10^(k+1)`, for a positive finite value.
  static func decade(of value: Double) -> Int {
    guard value.isFinite, value > 0 else { return 0 }
    var exponent = 0
    var scaled = value
    while scaled >= 10 {
      scaled /= 10
      exponent += 1
    }
    while scaled < 1 {
      scaled *= 10
      exponent -= 1
    }
    return exponent
  }
}
