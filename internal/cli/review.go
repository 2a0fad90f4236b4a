package cli

func runReview(e *env) int { return ExitUsage }
