"""The citizen watch (veille citoyenne): feeds, curation, digests."""
