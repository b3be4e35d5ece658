"""Pages, print HTML, slides and letters: pure functions of the model."""
