/* The chain page's graph (ECharts, data from json_script #chain-graph-data); a click on a link loads its
   panel with htmx. A static file, so the Content-Security-Policy needs no inline script. */
document.addEventListener("DOMContentLoaded", function () {
  const el = document.getElementById("chain-graph");
  const data = JSON.parse(document.getElementById("chain-graph-data").textContent);
  const chart = echarts.init(el, null, {renderer: "svg"});
  chart.setOption({
    tooltip: {formatter: p => p.dataType === "node" ? `${p.data.name}<br>${p.data.status} · 企业 ${p.data.enterprises} 家` : ""},
    series: [{
      type: "graph", layout: "none", roam: true, symbolSize: 26,
      label: {show: true, position: "bottom", fontSize: 12},
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8, lineStyle: {color: "#999", curveness: 0.1},
      data: data.nodes, links: data.edges,
    }],
  });
  chart.on("click", function (p) {
    if (p.dataType !== "node") return;
    const url = el.dataset.panelUrl.replace("/0/", `/${p.data.id}/`);
    htmx.ajax("GET", url, {target: "#link-panel", swap: "outerHTML"});
  });
  window.addEventListener("resize", () => chart.resize());
  el.dataset.ready = "1";
});
