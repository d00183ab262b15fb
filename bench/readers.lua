-- wrk script: every request comes from one of BENCH_READERS readers (X-Forwarded-For), as on
-- the day a round is announced, when thousands of people open the register at once. The API
-- throttles anonymous readers per address: one address for all the load would measure the
-- throttle's history of one very busy reader instead of the pages.
local readers = tonumber(os.getenv("BENCH_READERS") or "10000")

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local n = math.random(readers) - 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256,
                                                 math.floor(n / 256) % 256, n % 256)
  return wrk.format()
end
