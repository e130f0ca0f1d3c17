// Double.rounded() and friends call into the C maths library. Importing the
// platform's C module links it, so a program that uses TextArt without
// Foundation still links.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
