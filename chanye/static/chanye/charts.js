// chanye's charts, drawn by the vendored ECharts from data embedded in the page (json_script):
// nothing is fetched from elsewhere, and no script is written inline (Content-Security-Policy).
// An element <div data-chart="KIND" data-source="ID"> is drawn from the JSON in <script id="ID">.
(function () {
  "use strict";

  function draw(el, option) {
    let chart = echarts.getInstanceByDom(el);
    if (!chart) {
      chart = echarts.init(el, null, {renderer: "svg"});
      window.addEventListener("resize", () => chart.resize());
    }
    chart.setOption(option, true);
    el.dataset.ready = "1";
    return chart;
  }

  // A target's trajectory: years on the axis, one unit.
  function target(el, data) {
    draw(el, {
      title: {text: data.title, textStyle: {fontSize: 13}}, tooltip: {trigger: "axis"}, legend: {bottom: 0},
      grid: {left: 55, right: 20, top: 40, bottom: 40},
      xAxis: {type: "category", data: data.years}, yAxis: {type: "value", name: data.unit},
      series: [
        {name: "达标所需路径", type: "line", data: data.needed, lineStyle: {type: "dashed"}},
        {name: "按实际增速外推", type: "line", data: data.projected},
      ],
    });
  }

  // Clusters side by side for one indicator and one period (the cockpit's comparison).
  function bars(el, data) {
    draw(el, {
      title: {text: data.title, left: "center", textStyle: {fontSize: 13}},
      tooltip: {formatter: p => `${p.name}<br>${p.value} ${data.unit}`}, grid: {left: 55, right: 20, top: 60, bottom: 60},
      xAxis: {type: "category", data: data.bars.map(d => d.name), axisLabel: {interval: 0, rotate: 20}},
      yAxis: {type: "value", name: data.unit},
      series: [{type: "bar", data: data.bars.map(d => d.value), label: {show: true, position: "top"}}],
    });
  }

  // Peers (对标): one indicator, one unit.
  function peers(el, data) {
    draw(el, {
      tooltip: {}, grid: {left: 55, right: 20, top: 30, bottom: 60},
      xAxis: {type: "category", data: data.bars.map(d => d.name), axisLabel: {interval: 0, rotate: 20}},
      yAxis: {type: "value", name: data.unit},
      series: [{type: "bar", data: data.bars.map(d => d.value), label: {show: true, position: "top"}}],
    });
  }

  // 累计 values (1-N月) as one line per year: a year's line never runs into the next year's.
  function series(el, data) {
    draw(el, {
      title: {text: `${data.indicator}（累计）`, textStyle: {fontSize: 13}}, tooltip: {trigger: "axis"}, legend: {bottom: 0},
      grid: {left: 55, right: 20, top: 40, bottom: 40},
      xAxis: {type: "category", data: data.cumulative_months}, yAxis: {type: "value", name: data.unit},
      series: data.cumulative.map(y => ({name: y.name, type: "line", data: y.values, connectNulls: true})),
    });
  }

  // The single months computed from the 累计 values, bars per year.
  function monthly(el, data) {
    draw(el, {
      title: {text: `${data.indicator}（单月，由累计值推算）`, textStyle: {fontSize: 13}}, tooltip: {trigger: "axis"}, legend: {bottom: 0},
      grid: {left: 55, right: 20, top: 40, bottom: 40},
      xAxis: {type: "category", data: data.months}, yAxis: {type: "value", name: data.unit},
      series: data.monthly.map(y => ({name: y.name, type: "bar", data: y.values})),
    });
  }

  const KINDS = {target, bars, peers, series, monthly};

  function drawFrom(el, sourceId) {
    KINDS[el.dataset.chart](el, JSON.parse(document.getElementById(sourceId).textContent));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      // A chart with a selector (data-select) shows the source chosen there, redrawn on change.
      const select = el.dataset.select && document.getElementById(el.dataset.select);
      if (select) {
        drawFrom(el, select.value);
        select.addEventListener("change", () => drawFrom(el, select.value));
      } else {
        drawFrom(el, el.dataset.source);
      }
    });
    // Forms marked data-autosubmit (the cockpit's month) reload as soon as a choice is made.
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", () => select.form.submit());
    });
  });
})();
