"""The small codebook the command-line reliability tests code with, and a sentence it codes."""

GOOD = "Pakistani troops attacked Indian soldiers in Kashmir."
SMALL_BOOK = """codebook: small
version: "1"
actors:
  - {code: PAK, patterns: [Pakistan, Pakistani]}
  - {code: IND, patterns: [India, Indian]}
agents:
  - {code: MIL, patterns: [troops, soldier]}
events:
  - {code: "190", verbs: [attack]}
"""
