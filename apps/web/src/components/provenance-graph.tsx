/**
 * A story's provenance tree drawn as a graph (the shared sigma canvas): one node per copy, an edge
 * from each copy to the item it was taken from, coloured by the source's affiliation. Clicking a
 * node opens the item.
 */
import { useMemo, useState } from 'react';
import type { Trace } from '../api.ts';
import { useApp } from '../context.tsx';
import { navigate } from '../router.ts';
import { GraphCanvas, type GraphEdge, type GraphNode } from './graph-canvas.tsx';

export function ProvenanceGraph({ trace }: { trace: Trace }) {
  const { t } = useApp();
  const [selected, setSelected] = useState<string | undefined>();
  const { nodes, edges } = useMemo(() => {
    const affiliations = [...new Set(trace.provenance.nodes.map((n) => n.affiliation))].sort();
    const nodes: GraphNode[] = trace.provenance.nodes.map((n) => ({
      id: n.itemId,
      label: `${n.sourceName}${n.parent ? '' : ' ●'}`,
      cluster: affiliations.indexOf(n.affiliation),
      size: n.parent ? 3 : 5,
    }));
    const edges: GraphEdge[] = trace.provenance.nodes
      .filter((n) => n.parent !== undefined)
      .map((n) => ({ a: n.parent!, b: n.itemId, weight: 1 }));
    return { nodes, edges };
  }, [trace]);
  return (
    <GraphCanvas
      nodes={nodes}
      edges={edges}
      directed
      selected={selected}
      onSelect={(id) => {
        setSelected(id);
        if (id) navigate(`/items/${encodeURIComponent(id)}`);
      }}
      label={t('views.storyGraphLabel')}
    />
  );
}
