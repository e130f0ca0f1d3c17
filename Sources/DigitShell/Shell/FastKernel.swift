import DigitKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Gets OpenBLAS's fast kernel without the user knowing: OpenBLAS reads OPENBLAS_CORETYPE
/// only while loading, so when it picked a slow kernel on an AVX-512 machine, DigitLab sets
/// the variable and re-executes itself once (the child sees it set, so there is no loop).
enum FastKernel {
  static func reexecIfNeeded() {
    #if os(Linux)
      let env = ProcessInfo.processInfo.environment
      guard
        let core = BLAS.preferredCoreType(
          cpuFlags: BLAS.cpuFlags(), detectedCore: BLAS.coreName,
          environment: env)
      else { return }
      setenv("OPENBLAS_CORETYPE", core, 1)
      var argv = CommandLine.arguments.map { strdup($0) }
      argv.append(nil)
      execv("/proc/self/exe", &argv)
      // execv returned: it failed; carry on with the kernel we have.
      unsetenv("OPENBLAS_CORETYPE")
    #endif
  }
}
