-- Every request a search not asked before in the run: two words of a 51-word list (2601
-- ordered pairs, with and without a year), so no answer is remembered and each is computed.
local words = {
  "quyet", "dinh", "cong", "van", "bao", "cao", "ke", "hoach", "to", "trinh", "thong", "huong", "dan",
  "chuong", "de", "an", "du", "so", "noi", "vu", "tai", "chinh", "giao", "duc", "y", "te", "nong", "nghiep",
  "xay", "dung", "ngan", "sach", "luu", "tru", "ho", "ly", "lieu", "uy", "ban", "nhan", "tinh", "huyen",
  "xa", "can", "bo", "chuc", "thu", "tuc", "hanh", "dien", "tu",
}
local token = os.getenv("TOKEN")
-- THINK_MS: each connection waits this long between searches, as a person reading the hits
-- would; 0 (the default) asks as fast as the server answers.
local think = tonumber(os.getenv("THINK_MS") or "0")
delay = function()
  return think
end
local thread_offset = 0
local threads_seen = 0
setup = function(thread)
  thread:set("thread_offset", threads_seen)
  threads_seen = threads_seen + 1
end
local i = 0
request = function()
  i = i + 1
  local n = i * 2 + thread_offset
  local a = words[(n % #words) + 1]
  local b = words[(math.floor(n / #words) % #words) + 1]
  local query = "q=" .. a .. "+" .. b
  if math.floor(n / (#words * #words)) % 2 == 1 then query = query .. "&year=" .. (2016 + n % 10) end
  return wrk.format("GET", "/api/v1/search?limit=20&" .. query, { ["Authorization"] = "Bearer " .. token })
end
done = function(summary, latency, requests)
  io.write(string.format("p95 %.1f ms\n", latency:percentile(95) / 1000))
end
