import { PageHeader } from '../components/PageHeader';

export function HarvestingPage() {
  return <PageHeader title="Harvesting" />;
}
