from ninja import NinjaAPI

api = NinjaAPI(title="backcare API", version="1")
