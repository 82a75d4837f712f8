-- wrk script for `make loadtest`: cycles through the page URLs in $LOAD_URLS (one path a
-- line: home, chapters, news indexes, articles, content pages, English pages) and counts
-- 5xx and other non-2xx answers over all threads.
local paths = {}
for line in io.lines(os.getenv("LOAD_URLS")) do
    if line ~= "" then table.insert(paths, line) end
end

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    index = math.random(#paths)
    server_errors = 0
    not_ok = 0
end

function request()
    index = index % #paths + 1
    return wrk.format("GET", paths[index])
end

function response(status, headers, body)
    if status >= 500 then server_errors = server_errors + 1 end
    if status < 200 or status >= 300 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
    local fives, others = 0, 0
    for _, thread in ipairs(threads) do
        fives = fives + thread:get("server_errors")
        others = others + thread:get("not_ok")
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write("----- loadtest summary -----\n")
    io.write(string.format("paths: %d\n", #paths))
    io.write(string.format("requests: %d in %.1f s = %.1f req/s\n", summary.requests, seconds,
        summary.requests / seconds))
    io.write(string.format("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000))
    io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
        e.connect, e.read, e.write, e.timeout))
    io.write(string.format("5xx: %d\nnon-2xx: %d\n", fives, others))
end
