import OCRStage

// libgomp reads OMP_THREAD_LIMIT when it loads, before this line runs: re-exec with it
// set, or every page pays 4–5× for oversubscribed OpenMP threads.
OpenMP.reexecWithSingleThreadLimitIfNeeded()
Sohoa.main()
