import { PageHeader } from '../components/PageHeader';

export function RebalancePage() {
  return <PageHeader title="Rebalance" />;
}
