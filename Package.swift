// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "DigitLab",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "digitlab", targets: ["digitlab"]),
    .library(name: "DigitKit", targets: ["DigitKit"]),
    .library(name: "DigitShell", targets: ["DigitShell"]),  // for Fuzz/Shell
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // System-library shims: headers only; the link flags live on the Swift targets
    // so that Linux (OpenBLAS, GNU readline) and macOS (Accelerate, libedit) differ.
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
    // The convolution kernels, written once and built at 16 lanes (AVX-512), 8 (AVX2 + FMA)
    // and 4 (portable), the width chosen at run time (SIMDLevel.h; DIGITLAB_SIMD overrides).
    .target(name: "CKernels"),
    // Saves that never leave a half-written file; shared by DigitKit and LessonKit.
    .target(name: "AtomicFiles"),
    .target(
      name: "DigitKit",
      dependencies: ["CBLAS", "CZlib", "CKernels", "AtomicFiles"],
      linkerSettings: [
        .linkedLibrary("openblas", .when(platforms: [.linux])),
        .linkedFramework("Accelerate", .when(platforms: [.macOS])),
        .linkedLibrary("z"),
      ]),
    .target(name: "TextArt"),
    .target(name: "LessonKit", dependencies: ["TextArt", "AtomicFiles"]),
    .target(
      name: "DigitShell",
      dependencies: [
        "DigitKit", "TextArt", "LessonKit", "AtomicFiles", "CReadline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      linkerSettings: [
        .linkedLibrary("readline", .when(platforms: [.linux])),
        .linkedLibrary("edit", .when(platforms: [.macOS])),
      ]),
    .executableTarget(name: "digitlab", dependencies: ["DigitShell"]),
    .testTarget(name: "DigitKitTests", dependencies: ["DigitKit"], exclude: ["Fixtures"]),
    .testTarget(name: "TextArtTests", dependencies: ["TextArt"]),
    .testTarget(name: "AtomicFilesTests", dependencies: ["AtomicFiles"]),
    .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"]),
    .testTarget(
      name: "DigitShellTests", dependencies: ["DigitShell", "DigitKit"],
      exclude: ["Transcripts", "Terminal/pty_driver.py", "Terminal/lesson_walk.py"]),
  ],
  swiftLanguageModes: [.v6]
)
