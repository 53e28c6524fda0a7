select id from inbox where vendor = :#vendor and dedup_key = :#dedupKey
