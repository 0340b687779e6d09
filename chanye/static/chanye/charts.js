/* The charts of the cockpit, cluster, target and peer pages, drawn with ECharts from data the page embeds
   with json_script (<div data-chart=KIND data-source=ID>). A static file, so the Content-Security-Policy
   needs no inline script. */
function chanyeLine(el, data) {
  const chart = echarts.init(el, null, {renderer: "svg"});
  chart.setOption({
    title: {text: data.title, textStyle: {fontSize: 13}}, tooltip: {trigger: "axis"}, legend: {bottom: 0},
    grid: {left: 55, right: 20, top: 40, bottom: 40},
    xAxis: {type: "category", data: data.years}, yAxis: {type: "value", name: data.unit},
    series: [
      {name: "达标所需路径", type: "line", data: data.needed, lineStyle: {type: "dashed"}},
      {name: "按实际增速外推", type: "line", data: data.projected},
    ],
  });
  el.dataset.ready = "1";
}
function chanyeBars(el, data) {
  const chart = echarts.init(el, null, {renderer: "svg"});
  chart.setOption({
    tooltip: {formatter: p => `${p.name}<br>${p.data.label}：${p.value} 亿元`}, grid: {left: 55, right: 20, top: 30, bottom: 60},
    xAxis: {type: "category", data: data.map(d => d.name), axisLabel: {interval: 0, rotate: 20}},
    yAxis: {type: "value", name: "亿元"},
    series: [{type: "bar", data: data.map(d => ({value: d.value, label: d.label})), label: {show: true, position: "top", formatter: "{c}"}}],
  });
  el.dataset.ready = "1";
}
function chanyePeers(el, data) {
  const chart = echarts.init(el, null, {renderer: "svg"});
  chart.setOption({
    tooltip: {}, grid: {left: 55, right: 20, top: 30, bottom: 60},
    xAxis: {type: "category", data: data.bars.map(d => d.name), axisLabel: {interval: 0, rotate: 20}},
    yAxis: {type: "value", name: data.unit},
    series: [{type: "bar", data: data.bars.map(d => d.value), label: {show: true, position: "top"}}],
  });
  el.dataset.ready = "1";
}
function chanyeSeries(el, data) {
  const chart = echarts.init(el, null, {renderer: "svg"});
  chart.setOption({
    title: {text: data.indicator, textStyle: {fontSize: 13}}, tooltip: {trigger: "axis"}, legend: {bottom: 0},
    grid: {left: 55, right: 20, top: 40, bottom: 40},
    xAxis: {type: "category", data: data.cumulative.map(p => p.label)}, yAxis: {type: "value", name: data.unit},
    series: [{name: "累计", type: "line", data: data.cumulative.map(p => p.value)},
      {name: "单月/分段（由累计值推算）", type: "bar", data: data.monthly.map(p => p.value)}],
  });
  el.dataset.ready = "1";
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    const data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    ({target: chanyeLine, bars: chanyeBars, series: chanyeSeries, peers: chanyePeers})[el.dataset.chart](el, data);
  });
});
