"""The exercises, one data module per family of lessons; each defines `EXERCISES`, a list of
`studio.practice.exercise.Exercise`. Nothing heavy is imported at module level."""
