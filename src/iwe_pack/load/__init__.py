"""Loading: every source read (sources/), checked (checks/) and made into the model (model/), once.

It sits above the model so that the model stays pure: model/ takes values and returns values, and only this
layer opens files and calls the checks for them."""
