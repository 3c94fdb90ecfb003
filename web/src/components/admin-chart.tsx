/**
 * A chart.js canvas for the admin dashboard. Only the pieces the dashboard draws are registered (bars and a
 * doughnut), which keeps chart.js's share of the bundle small. Colours are read from the page's CSS
 * variables and read again when the colour scheme changes, so the chart matches light and dark. The canvas
 * is an image with a summary for its label; the numbers themselves are in the table the page puts beside it.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import type { ChartColours } from '../lib/admin-charts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Tooltip, Legend);

const [scheme, setScheme] = createSignal(0);
let watching = false;

/** A signal that changes when the colour scheme does (one listener for every chart on the page). */
function watchScheme(): void {
  if (watching || typeof window.matchMedia !== 'function') return;
  watching = true;
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => setScheme((n) => n + 1));
}

/** The theme's colours as the CSS variables say now (re-read whenever the scheme changes). */
export function chartColours(): ChartColours {
  scheme();
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    booked: read('--info', '#0f5b8a'),
    completed: read('--success', '#1e6b3a'),
    cancelled: read('--error', '#b3261e'),
    department: read('--accent', '#0b6a6f'),
    text: read('--text', '#17252d'),
    grid: read('--border', '#c9d4d9'),
    surface: read('--surface', '#ffffff'),
  };
}

const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function ChartCanvas(props: {
  /** What the chart shows, for a screen reader (the canvas is role="img"). */
  label: string;
  /** A class on the box that sets the chart's height. */
  class: string;
  /** Height in CSS pixels when it depends on the data (set through CSSOM, which the CSP allows). */
  height?: number;
  config: (colours: ChartColours) => ChartConfiguration;
}) {
  let canvas: HTMLCanvasElement | undefined;
  let box: HTMLDivElement | undefined;
  let chart: Chart | undefined;
  let drawn = false;

  onMount(() => {
    watchScheme();
    createEffect(() => {
      if (box && props.height) box.style.height = `${props.height}px`;
    });
    createEffect(() => {
      const colours = chartColours();
      const config = props.config(colours);
      Chart.defaults.color = colours.text;
      Chart.defaults.borderColor = colours.grid;
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || Chart.defaults.font.family;
      chart?.destroy();
      if (!canvas) return;
      chart = new Chart(canvas, {
        ...config,
        // Only the first drawing moves: a redraw for the other colour scheme just shows the new colours.
        options: { responsive: true, maintainAspectRatio: false, animation: drawn || reducedMotion() ? false : { duration: 250 }, ...config.options },
      } as ChartConfiguration);
      drawn = true;
    });
  });
  onCleanup(() => chart?.destroy());

  return (
    <div ref={box} class={`chart ${props.class}`}>
      <canvas ref={canvas} role="img" aria-label={props.label}>
        {props.label}
      </canvas>
    </div>
  );
}
