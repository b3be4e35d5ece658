"""The workshop and each place's plan: what every output is made from."""
