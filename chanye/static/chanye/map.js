// 一图: a city's districts from the vendored map script (it registers the map with ECharts), coloured by
// the chosen indicator; the user's district outlined; parks with coordinates as points. The data is in
// the page (json_script "region-map-data"); nothing is fetched, no script is inline.
(function () {
  "use strict";

  // The vendored map names some districts as they were (梁平县 is 梁平区 now): match by name, else by
  // the short name with 区/县 taken off.
  function regionOf(featureName, regions) {
    const stem = featureName.replace(/(区|县)$/, "");
    return regions.find(r => r.name === featureName) || regions.find(r => r.short_name === stem || r.name.replace(/(区|县)$/, "") === stem);
  }

  // From light to dark blue as the value goes from the lowest to the highest district's.
  const LOW = [207, 226, 255], HIGH = [26, 79, 150];
  function colour(value, min, max) {
    const t = max > min ? (value - min) / (max - min) : 1;
    const rgb = LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * t));
    return `rgb(${rgb.join(",")})`;
  }

  function draw(el, data) {
    const geo = echarts.getMap(data.map);
    if (!geo) {
      el.textContent = "地图文件未载入";
      return;
    }
    const features = (geo.geoJSON || geo.geoJson).features;
    const numbers = data.regions.map(r => r.value);
    const min = Math.min(...numbers), max = Math.max(...numbers);
    const byFeature = {};
    // Each district is coloured through the geo component itself: a district without a figure keeps the
    // grey of "no data" instead of taking a colour it has not earned.
    const regions = features.map(function (feature) {
      const name = feature.properties.name;
      const region = regionOf(name, data.regions);
      const style = {};
      if (region) {
        byFeature[name] = region;
        style.areaColor = colour(region.value, min, max);
      }
      if (name === data.home || name.replace(/(区|县)$/, "") === data.home_short) {
        Object.assign(style, {borderColor: "#d63939", borderWidth: 2.5});
      }
      return {name: name, itemStyle: style};
    });
    const chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (p.componentType === "series") return p.name;
          const region = byFeature[p.name];
          return region ? `${region.name}<br>${region.value} ${data.unit}（${region.basis}）` : `${p.name}<br>无数据`;
        },
      },
      geo: {
        map: data.map, roam: true, regions: regions, tooltip: {show: true},
        itemStyle: {areaColor: "#eef0f3", borderColor: "#8a94a6"},
        emphasis: {label: {show: true}, itemStyle: {areaColor: "#ffe066"}},
      },
      series: [
        {type: "scatter", coordinateSystem: "geo", data: data.parks, symbolSize: 9, itemStyle: {color: "#d63939"},
          label: {show: true, formatter: "{b}", position: "right", fontSize: 11}},
      ],
    });
    chart.on("click", p => { if (p.componentType === "series" && p.data.url) window.location.href = p.data.url; });
    window.addEventListener("resize", () => chart.resize());
    el.dataset.ready = "1";
    el.dataset.districts = String(features.length);
    el.dataset.coloured = String(Object.keys(byFeature).length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const el = document.getElementById("region-map");
    if (el) draw(el, JSON.parse(document.getElementById("region-map-data").textContent));
  });
})();
