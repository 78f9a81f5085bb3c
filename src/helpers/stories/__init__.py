"""Story packs: what ties the kit to one story (topics, story words, public-record tables)."""
