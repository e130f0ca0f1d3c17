/// Negative log-likelihood of log-probabilities, averaged over the batch (PyTorch's `nll_loss`).
///
/// loss = −(1/B) Σ_b logp[b, target_b]; d loss / d logp[b, k] = −1/B if k = target_b, else 0.
public enum NLLLoss {
  /// Returns the mean loss and its gradient with respect to `logProbabilities`: (B, K).
  public static func lossAndGradient(_ logProbabilities: Tensor, targets: [Int]) -> (
    loss: Float, gradient: Tensor
  ) {
    let b = logProbabilities.batch
    let k = logProbabilities.itemSize
    var gradient = Tensor(zeros: logProbabilities.shape)
    var total: Float = 0
    for row in 0..<b {
      total -= logProbabilities.data[row * k + targets[row]]
      gradient.data[row * k + targets[row]] = -1 / Float(b)
    }
    return (total / Float(max(b, 1)), gradient)
  }

  /// The summed (not averaged) loss, for evaluation over many batches.
  public static func summedLoss(_ logProbabilities: Tensor, targets: [Int]) -> Double {
    let k = logProbabilities.itemSize
    var total = 0.0
    for row in 0..<logProbabilities.batch {
      total -= Double(logProbabilities.data[row * k + targets[row]])
    }
    return total
  }
}
