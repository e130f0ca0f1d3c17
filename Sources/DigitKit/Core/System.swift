#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// An integer environment variable, or nil when unset or not a number.
func getenvInt(_ name: String) -> Int? {
  guard let raw = getenv(name) else { return nil }
  return Int(String(cString: raw))
}

/// Online processor count.
func sysconfCores() -> Int {
  Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
