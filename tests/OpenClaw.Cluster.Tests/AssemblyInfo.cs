// Every test starts its own multi-process cluster: running two at once would only make both slower and flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
