/**
 * A network drawn with sigma (WebGL) over a graphology graph. sigma, graphology and ForceAtlas2 are
 * loaded with dynamic import() when the first graph is shown, so they stay out of the first-load
 * bundle. Nodes start grouped by cluster on a circle, then ForceAtlas2 settles them.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context.tsx';

export interface GraphNode {
  id: string;
  label: string;
  /** nodes of one cluster start near each other and share a colour */
  cluster: number;
  size?: number;
}

export interface GraphEdge {
  a: string;
  b: string;
  weight: number;
}

/** Twelve colours that stay distinct for common colour-vision deficiencies (Tol's muted + bright). */
export const PALETTE = [
  '#4477aa',
  '#ee6677',
  '#228833',
  '#ccbb44',
  '#66ccee',
  '#aa3377',
  '#332288',
  '#117733',
  '#44aa99',
  '#882255',
  '#999933',
  '#cc6677',
];

export const clusterColour = (i: number) => PALETTE[i % PALETTE.length] ?? '#777';

interface Props {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** called with the clicked node's id, or undefined for a click on the background */
  onSelect?: (id: string | undefined) => void;
  selected?: string | undefined;
  /** accessible name of the canvas region */
  label: string;
  directed?: boolean;
}

export function GraphCanvas({ nodes, edges, onSelect, selected, label, directed = false }: Props) {
  const { t } = useApp();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const renderer = useRef<{ kill(): void; refresh(): void } | null>(null);
  const selectedRef = useRef(selected);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    let live = true;
    setState('loading');
    Promise.all([import('graphology'), import('sigma'), import('graphology-layout-forceatlas2')]).then(
      ([{ default: Graph }, { default: Sigma }, { default: forceAtlas2 }]) => {
        if (!live || !box.current) return;
        const graph = new Graph({ type: directed ? 'directed' : 'undirected', multi: false });
        const clusters = [...new Set(nodes.map((n) => n.cluster))];
        const slot = new Map(clusters.map((c, i) => [c, i]));
        const perCluster = new Map<number, number>();
        const radius = Math.max(1, Math.sqrt(nodes.length)) * 4;
        for (const n of nodes) {
          if (graph.hasNode(n.id)) continue;
          const i = slot.get(n.cluster) ?? 0;
          const k = perCluster.get(n.cluster) ?? 0;
          perCluster.set(n.cluster, k + 1);
          const angle = (2 * Math.PI * i) / Math.max(1, clusters.length);
          const spin = k * 2.39996; // golden angle: members spread evenly around the cluster's centre
          graph.addNode(n.id, {
            label: n.label,
            x: radius * Math.cos(angle) + Math.sqrt(k + 1) * Math.cos(spin),
            y: radius * Math.sin(angle) + Math.sqrt(k + 1) * Math.sin(spin),
            size: n.size ?? 3,
            color: clusterColour(n.cluster),
          });
        }
        for (const e of edges) {
          if (!graph.hasNode(e.a) || !graph.hasNode(e.b) || e.a === e.b || graph.hasEdge(e.a, e.b)) continue;
          graph.addEdge(e.a, e.b, {
            size: Math.min(6, 0.5 + Math.log2(1 + e.weight)),
            color: '#b8c0cc',
          });
        }
        if (graph.order > 1 && graph.size > 0)
          forceAtlas2.assign(graph, {
            iterations: graph.order > 2000 ? 50 : 150,
            settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500 },
          });
        const sigma = new Sigma(graph, box.current, {
          settings: { renderEdgeLabels: false, labelRenderedSizeThreshold: 8 },
          // A selected node stands out; nodes that are not its partners fade.
          nodeReducer: (id, data) => {
            const sel = selectedRef.current;
            if (sel === undefined || id === sel || graph.areNeighbors(id, sel))
              return id === sel ? { ...data, size: (data.size ?? 5) * 1.6 } : data;
            return { ...data, color: '#d8dde4', label: '' };
          },
        });
        sigma.on('clickNode', ({ node }) => onSelectRef.current?.(node));
        sigma.on('clickStage', () => onSelectRef.current?.(undefined));
        renderer.current = sigma;
        setState('ready');
      },
      () => live && setState('error'),
    );
    return () => {
      live = false;
      renderer.current?.kill();
      renderer.current = null;
    };
  }, [nodes, edges, directed]);

  useEffect(() => {
    selectedRef.current = selected;
    renderer.current?.refresh();
  }, [selected]);

  return (
    <div className="graph-wrap">
      <div ref={box} className="graph-canvas" role="img" aria-label={label} data-state={state} />
      {state === 'loading' && <p className="muted graph-status">{t('common.loading')}</p>}
      {state === 'error' && (
        <p className="error graph-status" role="alert">
          {t('views.graphError')}
        </p>
      )}
    </div>
  );
}
