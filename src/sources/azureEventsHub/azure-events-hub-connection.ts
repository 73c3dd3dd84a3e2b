// The connection string Argo builds from an Event Hubs fqdn, hub and SAS key (the source and the
// azureEventHubs trigger share it). Pure; the result holds a secret and is never logged.
export function eventHubsConnectionString(fqdn: string, hubName: string, keyName: string, key: string): string {
  return `Endpoint=sb://${fqdn}/;SharedAccessKeyName=${keyName};SharedAccessKey=${key};EntityPath=${hubName}`;
}
