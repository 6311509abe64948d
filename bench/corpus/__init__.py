"""`make corpus`: Rote measured on the corpus of self-judging task pages (record, code replays, agent alone, floors)."""
