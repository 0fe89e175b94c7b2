"""Step 5 of the pipeline, delivery: the partnership package (`build`: every document of a folder,
one combined PDF), where a package goes (`output`: its folder and the record of what a run wrote)
and writing any output atomically (`atomic`)."""
