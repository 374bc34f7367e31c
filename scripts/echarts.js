// The ECharts the charts page loads (bundled by scripts/setup.sh with esbuild into
// public/vendor/echarts.min.js): only what the figures draw (bars, lines, their grid, axis
// tooltip and legend, on canvas), as the global `echarts` that charming and charts.rs call.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridSimpleComponent, LegendPlainComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridSimpleComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);
globalThis.echarts = echarts;
