-- Rotates through searches an analyst might type, with and without diacritics, numbers,
-- filters; one per request.
local queries = {
  "q=ho+so+luu+tru", "q=h%E1%BB%93+s%C6%A1", "q=quyet+dinh", "q=cong+van", "q=van+phong+dien+tu", "q=chuyen+doi+so",
  "q=bao+cao+tinh+hinh", "q=thu+tuc+hanh+chinh", "q=%22van+ban+quy+pham%22", "q=ke+hoach&type=ke_hoach",
  "q=so+noi+vu&year=2019", "q=tai+lieu&sort=newest", "q=uy+ban+nhan+dan&needs_review=false", "q=to+trinh&offset=20",
  "q=nghi+dinh", "q=can+cu+luat", "q=dong+nai", "q=quang+ngai", "q=chinh+ly+tai+lieu", "q=ngan+sach+nha+nuoc",
}
local token = os.getenv("TOKEN")
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search?limit=20&" .. queries[(i % #queries) + 1], { ["Authorization"] = "Bearer " .. token })
end
done = function(summary, latency, requests)
  io.write(string.format("p95 %.1f ms\n", latency:percentile(95) / 1000))
end
