-- wrk script: replays pre-signed webhooks (bench/BenchClient.java sign), each wrk thread its own share of them, so
-- that no webhook is sent twice; counts the replies by status.
-- Usage: wrk ... -s bench/wrk.lua <url> -- <signed-requests-file> [path-override]
-- A path-override (the baseline route) sends the same requests, bodies and headers to that path instead.
-- WRK_DELAY_MS paces each connection: it waits that long before each request, so that C connections send about
-- C * 1000 / (WRK_DELAY_MS + latency) requests a second (the fixed-rate phase; Debian's wrk has no rate option).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file, override = args[1], args[2]
  local share = {}
  local n = 0
  for line in io.lines(file) do
    if n % counter_total() == index then
      local fields = {}
      for field in string.gmatch(line, "[^\t]+") do
        table.insert(fields, field)
      end
      local headers = {}
      for i = 3, #fields - 1, 2 do
        headers[fields[i]] = fields[i + 1]
      end
      table.insert(share, wrk.format("POST", override or fields[1], headers, fields[2]))
    end
    n = n + 1
  end
  requests = share
  next_request = 0
  statuses = {}
end

function counter_total()
  return tonumber(os.getenv("WRK_THREADS") or "1")
end

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function delay()
  return delay_ms
end

function request()
  next_request = next_request + 1
  return requests[(next_request - 1) % #requests + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for status, count in pairs(s) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, status .. ":" .. count)
  end
  io.write(string.format("requests=%d\n", summary.requests))
  io.write(string.format("seconds=%.2f\n", seconds))
  io.write(string.format("statuses=%s\n", table.concat(parts, ",")))
  io.write(string.format("socket_errors=%d\n", summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
  io.write(string.format("ok_2xx_per_s=%.0f\n", ((totals[200] or 0) + (totals[202] or 0)) / seconds))
  io.write(string.format("accepted_per_s=%.0f\n", (totals[202] or 0) / seconds))
  io.write(string.format("p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("p999_ms=%.2f\n", latency:percentile(99.9) / 1000))
  io.write(string.format("max_ms=%.2f\n", latency.max / 1000))
  io.write(string.format("achieved_rate=%.0f\n", summary.requests / seconds))
end
