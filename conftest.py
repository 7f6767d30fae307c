"""Makes the shared fixtures (govdata.runtime.testing) available to every test folder."""

pytest_plugins = ["govdata.runtime.testing"]
