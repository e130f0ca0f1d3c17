// swift-tools-version:6.0
// The shell command-line fuzz target: a package of its own because DigitShell needs
// swift-argument-parser, so plain swiftc cannot build it. Built and run by Fuzz/run.sh.
import PackageDescription

let package = Package(
  name: "FuzzShell",
  dependencies: [.package(name: "DigitLab", path: "../..")],
  targets: [
    .systemLibrary(name: "CFuzzer", path: "CFuzzer"),
    .executableTarget(
      name: "FuzzShell",
      dependencies: ["CFuzzer", .product(name: "DigitShell", package: "DigitLab")],
      path: ".",
      sources: ["FuzzShell.swift"]),
  ],
  swiftLanguageModes: [.v5]
)
