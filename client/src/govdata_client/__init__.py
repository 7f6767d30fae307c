"""govdata's client library: checks what the platform says about its audit log.

Everything here runs on the client's side and trusts nothing but the log's public key, so
a citizen, an auditor or another department can verify a signed tree head, an inclusion or
consistency proof, or an exported set of records without trusting the service that sent
them. Pure computation: no network, no servers.
"""
